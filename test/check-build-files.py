#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check that the waf build (wscript, examples/wscript) names the same sources, headers and
examples as the CMake build (cmake/ipsec-files.cmake, examples/CMakeLists.txt), and that every
listed file exists. Runs wscript's build() against a stand-in for waf's build context."""

import os
import re
import sys
import types


def cmake_list(text, name):
    match = re.search(r"set\(\s*" + name + r"\s+(.*?)\)", text, re.S)
    if not match:
        sys.exit(f"cmake/ipsec-files.cmake: no set({name} ...)")
    return match.group(1).split()


class FakeTask(types.SimpleNamespace):
    pass


class FakeBld:
    def __init__(self):
        self.env = types.SimpleNamespace(ENABLE_EXAMPLES=True, VERSION="3.35")
        self.module = None
        self.headers = None
        self.programs = {}
        self.recursed = []

    def create_ns3_module(self, name, deps):
        self.module = FakeTask(name=name, deps=deps, source=[], use=[])
        return self.module

    def __call__(self, **kwargs):
        self.headers = FakeTask(source=[], module=None, **kwargs)
        return self.headers

    def create_ns3_program(self, name, modules):
        task = FakeTask(name=name, modules=modules, source=[])
        self.programs[name] = task
        return task

    def recurse(self, folder):
        self.recursed.append(folder)


def load(path):
    namespace = {}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), namespace)
    return namespace


def main(root):
    errors = []
    with open(os.path.join(root, "cmake", "ipsec-files.cmake")) as f:
        cmake = f.read()
    bld = FakeBld()
    load(os.path.join(root, "wscript"))["build"](bld)
    if sorted(bld.module.source) != sorted(cmake_list(cmake, "IPSEC_SOURCES")):
        errors.append("wscript sources differ from IPSEC_SOURCES")
    if sorted(bld.headers.source) != sorted(cmake_list(cmake, "IPSEC_HEADERS")):
        errors.append("wscript headers differ from IPSEC_HEADERS")
    for path in bld.module.source + bld.headers.source + cmake_list(cmake, "IPSEC_TEST_SOURCES"):
        if not os.path.exists(os.path.join(root, path)):
            errors.append(f"listed file missing: {path}")
    # model/ipsec-ns3-compat.h needs the version; waf trees are 3.35 and older.
    if getattr(bld.module, "export_defines", None) != ["IPSEC_NS3_VERSION=335"]:
        errors.append("wscript does not export IPSEC_NS3_VERSION=335 for ns-3.35: "
                      f"{getattr(bld.module, 'export_defines', None)}")
    if "examples" not in bld.recursed:
        errors.append("wscript does not recurse into examples")

    load(os.path.join(root, "examples", "wscript"))["build"](bld)
    with open(os.path.join(root, "examples", "CMakeLists.txt")) as f:
        cmake_examples = dict(
            re.findall(r"NAME\s+(\S+)\s+SOURCE_FILES\s+([^\n]+)", f.read()))
    waf_examples = {name: " ".join(t.source) for name, t in bld.programs.items()}
    if cmake_examples != {k: v.strip() for k, v in waf_examples.items()}:
        errors.append(f"examples differ: CMake {cmake_examples} vs waf {waf_examples}")

    # Every model/helper file is listed somewhere.
    for folder in ("model", "helper"):
        for name in os.listdir(os.path.join(root, folder)):
            path = f"{folder}/{name}"
            if path not in bld.module.source + bld.headers.source:
                errors.append(f"{path} is in no build list")

    for e in errors:
        print("error:", e)
    print(f"checked {len(bld.module.source)} sources, {len(bld.headers.source)} headers, "
          f"{len(bld.programs)} examples")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
