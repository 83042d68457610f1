// SPDX-License-Identifier: GPL-2.0
/*
 * trellis_fault.ko: a test-only module, never installed, that commits one
 * deliberate kernel fault on load so the selftests can prove the VM rig (and
 * the debug kernel) catch it. Usage: insmod trellis_fault.ko fault=NAME
 *
 *   warn   a WARN() splat
 *   oops   a NULL pointer dereference
 *   uaf    a read after kfree() (seen by KASAN on the debug kernel)
 *   leak   an allocation whose last pointer is dropped (seen by kmemleak)
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *fault = "";
module_param(fault, charp, 0444);
MODULE_PARM_DESC(fault, "fault to commit on load: warn, oops, uaf or leak");

static noinline int trellis_fault_uaf(void)
{
	char *p = kmalloc(64, GFP_KERNEL);
	int val;

	if (!p)
		return -ENOMEM;
	memset(p, 0x5a, 64);
	kfree(p);
	/* Keep the compiler from seeing, and dropping, the use after free. */
	OPTIMIZER_HIDE_VAR(p);
	val = READ_ONCE(p[8]);
	pr_info("trellis_fault: read %d after free\n", val);
	return 0;
}

static noinline int trellis_fault_leak(void)
{
	void *p = kmalloc(1024, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	memset(p, 0, 1024);
	OPTIMIZER_HIDE_VAR(p);
	pr_info("trellis_fault: leaked 1024 bytes\n");
	return 0;
}

static noinline int trellis_fault_oops(void)
{
	int *p = NULL;

	OPTIMIZER_HIDE_VAR(p);
	return READ_ONCE(*p);
}

static int __init trellis_fault_init(void)
{
	if (!strcmp(fault, "warn")) {
		WARN(1, "trellis_fault: planted warning\n");
		return 0;
	}
	if (!strcmp(fault, "oops"))
		return trellis_fault_oops();
	if (!strcmp(fault, "uaf"))
		return trellis_fault_uaf();
	if (!strcmp(fault, "leak"))
		return trellis_fault_leak();
	pr_err("trellis_fault: unknown fault '%s'\n", fault);
	return -EINVAL;
}

static void __exit trellis_fault_exit(void)
{
}

module_init(trellis_fault_init);
module_exit(trellis_fault_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("trellis test-only fault injector (never shipped)");
