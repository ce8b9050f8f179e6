"""`cpack` in the build folder makes a Debian package: netlog_VERSION_ARCH.deb with the
binary, the man pages and the completions under /usr, Section utils, a maintainer, a
description, and a Depends that names the package of every shared library netlog
links. It installs with `dpkg -i` into a throw-away root (no container needed), runs
there, and `dpkg -r` removes it again. ctest passes the build folder as NETLOG_BUILD_DIR.
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


MODULE = os.path.join(os.path.dirname(os.path.abspath(BIN)), "netlog-capture.so")
CALENDAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "capture",
                        "calendar", "apple.ics")


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)


def linked_packages():
    """The Debian packages that hold the shared libraries netlog links directly (its
    NEEDED entries, found where `ldd` finds them): what those need in turn, their own
    packages depend on (GMime brings GLib, GPGME …)."""
    packages = set()
    # The binary, and its module of the mail and calendar readers (GMime, libical).
    for elf in (BIN, MODULE):
        needed = set(re.findall(r"\(NEEDED\).*\[(.+)\]", run("readelf", "-d", elf).stdout))
        for line in run("ldd", elf).stdout.splitlines():
            m = re.search(r"^\s*(\S+) => (/\S+)", line)
            if m and m.group(1) in needed:
                m = re.search(r"=> (/\S+)", line)
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
        modules = [p for p in entries if p.endswith("/netlog/netlog-capture.so")]
        self.assertEqual(len(modules), 1, sorted(entries))
        self.assertTrue(modules[0].startswith("./usr/lib"), modules[0])
        for target in INSTALLED:
            self.assertEqual(entries.get("./usr/" + target), ("-rw-r--r--", "root/root"), target)
        tree = os.path.join(self.dir, "tree")
        self.assertEqual(run("dpkg-deb", "-x", self.deb, tree).returncode, 0)
        packaged = run(os.path.join(tree, "usr", "bin", "netlog"), "--version", env=self.env())
        self.assertEqual((packaged.returncode, packaged.stdout), (0, self.ok("--version").out))

    def dpkg(self, root, *args):
        return run("dpkg", "--force-not-root", "--force-script-chrootless",
                   f"--admindir={root}/var/lib/dpkg", f"--instdir={root}", *args)

    def test_dpkg_installs_runs_and_removes_in_a_throwaway_root(self):
        """`dpkg -i` into an empty root whose package database holds only the packages
        the .deb depends on, copied from this Debian system: dpkg itself checks that
        Depends is satisfied by them, unpacks every file, and `dpkg -r` takes all of
        them away again."""
        root = os.path.join(self.dir, "root")
        admin = os.path.join(root, "var", "lib", "dpkg")
        for sub in ("info", "updates"):
            os.makedirs(os.path.join(admin, sub))
        depends = {re.sub(r"\s*\(.*\)", "", d).strip()
                   for d in self.fields()["Depends"].split(",")}
        with open("/var/lib/dpkg/status", encoding="utf-8") as f:
            stanzas = f.read().split("\n\n")
        kept = [s for s in stanzas
                if re.search(r"^Package: (\S+)$", s, re.M)
                and re.search(r"^Package: (\S+)$", s, re.M).group(1) in depends
                and "Status: install ok installed" in s]
        with open(os.path.join(admin, "status"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(kept) + "\n")
        open(os.path.join(admin, "available"), "w").close()

        installed = self.dpkg(root, "-i", self.deb)
        self.assertEqual(installed.returncode, 0, installed.stdout + installed.stderr)
        status = self.dpkg(root, "-s", "netlog")
        self.assertIn("Status: install ok installed", status.stdout)
        binary = os.path.join(root, "usr", "bin", "netlog")
        for target in INSTALLED:
            self.assertTrue(os.path.isfile(os.path.join(root, "usr", target)), target)
        version = run(binary, "--version", env=self.env())
        self.assertEqual((version.returncode, version.stdout), (0, self.ok("--version").out))
        journal = os.path.join(self.dir, "deb-journal.db")
        added = run(binary, "--journal", journal, "--today", "2026-11-26",
                    "add", "Ada Lovelace", "installed from the .deb", "--new",
                    env=self.env())
        self.assertEqual(added.returncode, 0, added.stderr)
        # The packaged module: the installed binary finds it and reads a calendar.
        imported = run(binary, "--journal", journal, "--today", "2026-11-26", "import",
                       "calendar", CALENDAR, "--me", "me@home.example", env=self.env())
        self.assertEqual(imported.returncode, 0, imported.stderr)

        removed = self.dpkg(root, "-r", "netlog")
        self.assertEqual(removed.returncode, 0, removed.stdout + removed.stderr)
        self.assertFalse(os.path.exists(binary))
        for target in INSTALLED:
            self.assertFalse(os.path.exists(os.path.join(root, "usr", target)), target)

    def test_dpkg_refuses_when_a_dependency_is_missing(self):
        """The same root without the dependencies: dpkg refuses, so Depends is real."""
        root = os.path.join(self.dir, "bare")
        admin = os.path.join(root, "var", "lib", "dpkg")
        for sub in ("info", "updates"):
            os.makedirs(os.path.join(admin, sub))
        open(os.path.join(admin, "status"), "w").close()
        open(os.path.join(admin, "available"), "w").close()
        refused = self.dpkg(root, "-i", self.deb)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("dependency problems", refused.stderr)


if __name__ == "__main__":
    main()
