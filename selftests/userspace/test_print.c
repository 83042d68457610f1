// SPDX-License-Identifier: GPL-2.0
/* The print layer: one set of calls gives ip-style text, JSON and pretty JSON. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "kselftest_harness.h"
#include "print.h"

FIXTURE(pr) {
	char *buf;
	size_t len;
	FILE *f;
};

FIXTURE_SETUP(pr)
{
	self->f = open_memstream(&self->buf, &self->len);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(pr)
{
	free(self->buf);
}

/* Two objects in a list: a line each in text, typed members in JSON. */
static void emit_sample(void)
{
	print_open_array(NULL);
	for (int i = 0; i < 2; i++) {
		print_open_object(NULL);
		print_string(PRINT_ANY, "name", "%s: ", i ? "eg2" : "eg1");
		print_u64(PRINT_ANY, "key", "key %" PRIu64 " ", 4294967295ULL - i);
		print_flag(PRINT_ANY, "csum", "csum ", i == 0);
		print_u64(PRINT_JSON, "ttl", NULL, 64);
		print_string(PRINT_ANY, "remote", "remote %s ", i ? NULL : "10.0.0.2");
		print_string(PRINT_TEXT, NULL, "%s", "\"quoted\"");
		print_open_array("features");
		print_string(PRINT_JSON, NULL, NULL, "a\tb");
		print_close_array();
		print_nl();
		print_close_object();
	}
	print_close_array();
	print_finish();
}

TEST_F(pr, text)
{
	print_start(self->f, false, false);
	emit_sample();
	fclose(self->f);
	EXPECT_STREQ("eg1: key 4294967295 csum remote 10.0.0.2 \"quoted\"\n"
		     "eg2: key 4294967294 \"quoted\"\n", self->buf);
}

TEST_F(pr, json)
{
	print_start(self->f, true, false);
	emit_sample();
	fclose(self->f);
	EXPECT_STREQ("[{\"name\":\"eg1\",\"key\":4294967295,\"csum\":true,\"ttl\":64,"
		     "\"remote\":\"10.0.0.2\",\"features\":[\"a\\tb\"]},"
		     "{\"name\":\"eg2\",\"key\":4294967294,\"csum\":false,\"ttl\":64,"
		     "\"features\":[\"a\\tb\"]}]\n", self->buf);
}

TEST_F(pr, pretty)
{
	print_start(self->f, true, true);
	print_open_object(NULL);
	print_u64(PRINT_ANY, "a", NULL, 1);
	print_open_array("empty");
	print_close_array();
	print_open_object("in");
	print_string(PRINT_ANY, "b", NULL, "c");
	print_close_object();
	print_close_object();
	print_finish();
	fclose(self->f);
	EXPECT_STREQ("{\n    \"a\": 1,\n    \"empty\": [],\n    \"in\": {\n        \"b\": \"c\"\n    }\n}\n",
		     self->buf);
}

/* -p without -j is text: pretty means nothing there. */
TEST_F(pr, pretty_text)
{
	print_start(self->f, false, true);
	print_open_object(NULL);
	print_u64(PRINT_ANY, "a", "a %" PRIu64, 1);
	print_nl();
	print_close_object();
	fclose(self->f);
	EXPECT_STREQ("a 1\n", self->buf);
}

/* A text-only word (no key) inside a JSON object is left out: JSON stays valid. */
TEST_F(pr, keyless_in_object)
{
	print_start(self->f, true, false);
	print_open_object(NULL);
	print_u64(PRINT_ANY, NULL, "ttl %" PRIu64, 64);
	print_u64(PRINT_ANY, "mtu", "mtu %" PRIu64, 1500);
	print_close_object();
	fclose(self->f);
	EXPECT_STREQ("{\"mtu\":1500}\n", self->buf);
}

/* Counters: two lines in text, after a label when given; "stats" in JSON. */
TEST_F(pr, counters)
{
	struct dev_counters c = { 1, 2, 3, 4, 5, 6, 7, 8 };

	print_start(self->f, false, false);
	print_text("x:");
	print_dev_counters(PRINT_ANY, "eth0", &c);
	print_dev_counters(PRINT_JSON, NULL, &c);
	print_nl();
	fclose(self->f);
	EXPECT_STREQ("x:\n    eth0 RX: packets 1 bytes 2 errors 3 dropped 4"
		     "\n    eth0 TX: packets 5 bytes 6 errors 7 dropped 8\n", self->buf);
}

TEST_F(pr, counters_json)
{
	struct dev_counters c = { 1, 2, 3, 4, 5, 6, 7, 8 };

	print_start(self->f, true, false);
	print_open_object(NULL);
	print_dev_counters(PRINT_TEXT, NULL, &c);
	print_dev_counters(PRINT_ANY, "eth0", &c);
	print_close_object();
	fclose(self->f);
	EXPECT_STREQ("{\"stats\":{\"rx_packets\":1,\"rx_bytes\":2,\"rx_errors\":3,"
		     "\"rx_dropped\":4,\"tx_packets\":5,\"tx_bytes\":6,\"tx_errors\":7,"
		     "\"tx_dropped\":8}}\n", self->buf);
}

TEST_HARNESS_MAIN
