# Hardening: the LD_PRELOAD fault injector used by
# tests/sh/faults_*.sh (docs/hardening.md). Built without sanitizers.
TEST_BINS += $(BUILD)/tests/tools/faultinj.so
$(BUILD)/tests/tools/faultinj.so: tests/tools/faultinj.c
	@mkdir -p $(dir $@)
	cc -std=c11 -O1 -g -Wall -Wextra -fPIC -shared -o $@ $< -ldl
