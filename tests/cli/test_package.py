"""`cpack` in the build folder makes a Debian package: netlog_VERSION_ARCH.deb with the
binary, the man pages and the completions under /usr, Section utils, a maintainer, a
description, and a Depends that names the package of every shared library netlog
links. ctest passes the build folder as NETLOG_BUILD_DIR.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, NetlogTest, main  # noqa: E402
from test_install import BUILD_DIR, INSTALLED, project_version  # noqa: E402

# What netlog links on Debian 12 (SQLiteCpp is linked statically).
RUNTIME_PACKAGES = {"libc6", "libstdc++6", "libsqlite3-0", "libfmt9", "libutf8proc2", "libcsv3"}


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)


def linked_packages():
    """The Debian packages that hold the shared libraries `ldd` finds in netlog."""
    packages = set()
    for line in run("ldd", BIN).stdout.splitlines():
        m = re.search(r"=> (/\S+)", line)
        if m:
            owner = run("dpkg", "-S", os.path.realpath(m.group(1)))
            if owner.returncode == 0:
                packages.add(owner.stdout.split(":")[0])
    return packages


class Package(NetlogTest):
    """One package, made once for all the tests, in a folder of its own."""

    @classmethod
    def setUpClass(cls):
        for tool in ("cpack", "dpkg-deb", "dpkg"):
            if shutil.which(tool) is None:
                raise unittest.SkipTest(f"{tool} is not installed")
        config = os.path.join(BUILD_DIR, "CPackConfig.cmake")
        if not os.path.exists(config):
            raise unittest.SkipTest(f"{BUILD_DIR} has no CPackConfig.cmake (set NETLOG_BUILD_DIR)")
        cls.out = tempfile.mkdtemp(prefix="netlog-package-")
        cls.cpack = run("cpack", "--config", config, "-B", cls.out, cwd=BUILD_DIR)
        cls.debs = glob.glob(os.path.join(cls.out, "*.deb"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)

    def setUp(self):
        super().setUp()
        self.assertEqual(self.cpack.returncode, 0, self.cpack.stdout + self.cpack.stderr)
        self.assertEqual(len(self.debs), 1, self.cpack.stdout)
        self.deb = self.debs[0]

    def fields(self):
        r = run("dpkg-deb", "-f", self.deb)
        self.assertEqual(r.returncode, 0, r.stderr)
        fields, name = {}, None
        for line in r.stdout.splitlines():
            if line.startswith(" ") and name:
                fields[name] += "\n" + line
            else:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
        return fields

    def test_name_and_control_fields(self):
        arch = run("dpkg", "--print-architecture").stdout.strip()
        self.assertEqual(os.path.basename(self.deb), f"netlog_{project_version()}_{arch}.deb")
        f = self.fields()
        self.assertEqual((f["Package"], f["Version"], f["Architecture"], f["Section"]),
                         ("netlog", project_version(), arch, "utils"))
        self.assertRegex(f["Maintainer"], r"^[^<>]+ <[^<>@\s]+@[^<>@\s]+>$")
        summary, _, long_description = f["Description"].partition("\n")
        self.assertEqual(summary, "A private journal of real professional relationships")
        self.assertIn("netlog", long_description)

    def test_depends_names_the_package_of_each_linked_library(self):
        depends = {re.sub(r"\s*\(.*\)", "", d).strip()
                   for d in self.fields()["Depends"].split(",")}
        self.assertLessEqual(RUNTIME_PACKAGES, depends)
        self.assertLessEqual(linked_packages(), depends)

    def test_contents_and_the_packaged_binary_runs(self):
        r = run("dpkg-deb", "-c", self.deb)
        self.assertEqual(r.returncode, 0, r.stderr)
        entries = {}
        for line in r.stdout.splitlines():
            mode, owner, *_, path = line.split()
            entries[path] = (mode, owner)
        self.assertEqual(entries.get("./usr/bin/netlog"), ("-rwxr-xr-x", "root/root"))
        for target in INSTALLED:
            self.assertEqual(entries.get("./usr/" + target), ("-rw-r--r--", "root/root"), target)
        tree = os.path.join(self.dir, "tree")
        self.assertEqual(run("dpkg-deb", "-x", self.deb, tree).returncode, 0)
        packaged = run(os.path.join(tree, "usr", "bin", "netlog"), "--version", env=self.env())
        self.assertEqual((packaged.returncode, packaged.stdout), (0, self.ok("--version").out))


if __name__ == "__main__":
    main()
