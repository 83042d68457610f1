// SPDX-License-Identifier: GPL-2.0
/* The output layer: the same calls print valid JSON and readable text. */
#include <stdio.h>
#include <stdlib.h>

#include "kselftest_harness.h"
#include "output.h"

FIXTURE(out) {
	char *buf;
	size_t len;
	FILE *f;
};

FIXTURE_SETUP(out)
{
	self->f = open_memstream(&self->buf, &self->len);
	ASSERT_NE(NULL, self->f);
}

FIXTURE_TEARDOWN(out)
{
	free(self->buf);
}

static void emit_sample(void)
{
	out_object_begin(NULL);
	out_string("name", "eg1");
	out_u64("key", 4294967295ULL);
	out_bool("up", true);
	out_array_begin("features");
	out_string(NULL, "egre");
	out_string(NULL, "shortbridge");
	out_array_end();
	out_array_begin("empty");
	out_array_end();
	out_object_begin("stats");
	out_u64("rx", 0);
	out_object_end();
	out_object_end();
	out_finish();
}

TEST_F(out, json)
{
	out_init(self->f, true);
	emit_sample();
	fclose(self->f);
	EXPECT_STREQ("{\"name\":\"eg1\",\"key\":4294967295,\"up\":true,"
		     "\"features\":[\"egre\",\"shortbridge\"],\"empty\":[],"
		     "\"stats\":{\"rx\":0}}\n", self->buf);
}

TEST_F(out, text)
{
	out_init(self->f, false);
	emit_sample();
	fclose(self->f);
	EXPECT_STREQ("name: eg1\nkey: 4294967295\nup: yes\n"
		     "features: egre shortbridge\nempty: none\n"
		     "stats:\n    rx: 0\n", self->buf);
}

TEST_F(out, json_escapes_strings)
{
	out_init(self->f, true);
	out_object_begin(NULL);
	out_string("s", "a\"b\\c\nd\te\x01");
	out_object_end();
	fclose(self->f);
	EXPECT_STREQ("{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001\"}\n", self->buf);
}

TEST_F(out, json_list_of_objects)
{
	out_init(self->f, true);
	out_array_begin(NULL);
	out_object_begin(NULL);
	out_u64("a", 1);
	out_object_end();
	out_object_begin(NULL);
	out_u64("a", 2);
	out_object_end();
	out_array_end();
	fclose(self->f);
	EXPECT_STREQ("[{\"a\":1},{\"a\":2}]\n", self->buf);
}

TEST_F(out, text_list_of_objects)
{
	out_init(self->f, false);
	out_array_begin(NULL);
	out_object_begin(NULL);
	out_string("name", "eg1");
	out_object_begin("stats");
	out_u64("rx", 1);
	out_object_end();
	out_object_end();
	out_object_begin(NULL);
	out_string("name", "eg2");
	out_object_end();
	out_array_end();
	fclose(self->f);
	EXPECT_STREQ("name: eg1\nstats:\n    rx: 1\n\nname: eg2\n", self->buf);
}

TEST_F(out, text_empty_list_prints_nothing)
{
	out_init(self->f, false);
	out_array_begin(NULL);
	out_array_end();
	fclose(self->f);
	EXPECT_STREQ("", self->buf);
}

TEST_HARNESS_MAIN
