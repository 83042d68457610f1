// SPDX-License-Identifier: GPL-2.0
/*
 * udp_hold PORT: holds a UDP socket bound to PORT (IPv4, any address) with
 * the smallest receive buffer, and never reads it, until killed. The
 * namespace's IP stack takes every datagram to PORT up to the socket,
 * which queues the first few and drops the rest (Udp RcvbufErrors): the
 * bench's receiver that is a slice's own stack, without a reader's cost
 * in the figure. Prints "ready" once bound. A bench helper, not a test.
 */
#include <err.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd, zero = 0;
	char *end;
	long port;

	if (argc != 2)
		errx(1, "usage: udp_hold PORT");
	port = strtol(argv[1], &end, 10);
	if (*end || port < 1 || port > 65535)
		errx(1, "bad port \"%s\"", argv[1]);
	sin.sin_port = htons((unsigned short)port);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		err(1, "socket");
	/* the kernel raises 0 to its minimum */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &zero, sizeof(zero)) < 0)
		err(1, "SO_RCVBUF");
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		err(1, "bind port %ld", port);
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
