/* SPDX-License-Identifier: GPL-2.0 */
/* A device's counters, as plain data: what is read, and what is printed. */
#ifndef EGRECTL_COUNTERS_H
#define EGRECTL_COUNTERS_H

#include <stdint.h>

struct dev_counters {
	uint64_t rx_packets, rx_bytes, rx_errors, rx_dropped;
	uint64_t tx_packets, tx_bytes, tx_errors, tx_dropped;
};

#endif
