"""`cmake --install` puts the binary, the man pages and the completions where each
belongs, and the installed netlog runs; `netlog --version` names the version and the
git revision. ctest passes the build folder as NETLOG_BUILD_DIR.
"""
import glob
import os
import re
import shutil
import stat
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SOURCE_DIR, NetlogTest, main  # noqa: E402

BUILD_DIR = os.environ.get("NETLOG_BUILD_DIR") or os.path.dirname(os.path.abspath(BIN))

# Where each file goes under the prefix, and the source file it is a copy of.
INSTALLED = {
    "share/man/man1/netlog.1": "man/netlog.1",
    "share/man/man5/netlog-config.5": "man/netlog-config.5",
    "share/bash-completion/completions/netlog": "completions/netlog.bash",
    "share/zsh/site-functions/_netlog": "completions/_netlog",
    "share/fish/vendor_completions.d/netlog.fish": "completions/netlog.fish",
}


def project_version():
    """The VERSION in CMakeLists.txt's project()."""
    with open(os.path.join(SOURCE_DIR, "CMakeLists.txt")) as f:
        return re.search(r"project\(netlog VERSION ([0-9.]+)", f.read()).group(1)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class Version(NetlogTest):
    def test_version_names_the_version_and_the_git_revision(self):
        out = self.ok("--version").out
        self.assertEqual(self.ok("-V").out, out)
        m = re.fullmatch(r"netlog (\S+) \((\S+)\)\n", out)
        self.assertIsNotNone(m, out)
        self.assertEqual(m.group(1), project_version())
        revision = m.group(2)
        if shutil.which("git") and os.path.exists(os.path.join(SOURCE_DIR, ".git")):
            # `git describe --always --dirty`: a tag, tag-N-gHASH or HASH, maybe -dirty.
            # Later commits may have come since the build: ask only that it is a commit.
            name = re.sub(r"-dirty$", "", revision)
            name = re.sub(r"^.*-g(?=[0-9a-f]+$)", "", name)
            r = subprocess.run(["git", "-C", SOURCE_DIR, "cat-file", "-e", name + "^{commit}"],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, f"{revision!r} names no commit: {r.stderr}")

    def test_version_needs_no_journal_nor_config(self):
        r = self.ok("--version", env={"HOME": None, "NETLOG_CONFIG": "/nonexistent/config.toml"})
        self.assertTrue(r.out.startswith("netlog "), r)
        self.assertFalse(os.path.exists(self.journal))


class Install(NetlogTest):
    def test_install_puts_each_file_where_it_belongs(self):
        if not os.path.exists(os.path.join(BUILD_DIR, "cmake_install.cmake")):
            self.skipTest(f"{BUILD_DIR} is not a CMake build folder (set NETLOG_BUILD_DIR)")
        prefix = os.path.join(self.dir, "prefix")
        r = subprocess.run(["cmake", "--install", BUILD_DIR, "--prefix", prefix],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        for target, source in INSTALLED.items():
            path = os.path.join(prefix, target)
            self.assertTrue(os.path.isfile(path), f"{target} is not installed")
            self.assertEqual(read_bytes(path), read_bytes(os.path.join(SOURCE_DIR, source)),
                             f"{target} is not a copy of {source}")
        binary = os.path.join(prefix, "bin", "netlog")
        self.assertTrue(os.stat(binary).st_mode & stat.S_IXUSR, "bin/netlog is not executable")
        installed = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                   env=self.env(), timeout=60)
        self.assertEqual((installed.returncode, installed.stdout, installed.stderr),
                         (0, self.ok("--version").out, ""))
        # The installed binary is a working netlog, not just a file.
        added = subprocess.run([binary, "people", "add", "Alice Chen"], capture_output=True,
                               text=True, env=self.env(), timeout=60)
        self.assertEqual(added.returncode, 0, added.stderr)
        self.assertEqual(self.ok("_handles").out, "alice-chen\n")

        # The mail and calendar readers: a module beside the libraries, that the
        # installed binary finds from where it is.
        modules = glob.glob(os.path.join(prefix, "lib*", "**", "netlog", "netlog-capture.so"),
                            recursive=True)
        self.assertEqual(len(modules), 1, modules)
        calendar = os.path.join(SOURCE_DIR, "tests", "data", "capture", "calendar", "apple.ics")
        imported = subprocess.run([binary, "import", "calendar", calendar, "--me",
                                   "me@home.example"], capture_output=True, text=True,
                                  env=self.env(), timeout=60)
        self.assertEqual(imported.returncode, 0, imported.stderr)
        self.assertIn("interactions added", imported.stdout)
        # Without it, the imports that need it say so, and the rest of netlog works.
        os.rename(modules[0], modules[0] + ".away")
        before = self.ok("export").out.splitlines()[1:]  # past the header's time
        missing = subprocess.run([binary, "import", "calendar", calendar, "--me",
                                  "me@home.example"], capture_output=True, text=True,
                                 env=self.env(), timeout=60)
        self.assertEqual(missing.returncode, 3)
        self.assertEqual(missing.stdout, "")
        self.assertRegex(missing.stderr, r"^netlog: importing mail or a calendar needs "
                         r"netlog-capture\.so, which is neither beside netlog \(.*/bin\) nor "
                         r"in .*/netlog; reinstall netlog\n$")
        self.assertEqual(self.ok("export").out.splitlines()[1:], before)
        shown = subprocess.run([binary, "show", "alice-chen"], capture_output=True, text=True,
                               env=self.env(), timeout=60)
        self.assertEqual(shown.returncode, 0, shown.stderr)

    def test_only_the_imports_of_mail_and_calendars_load_gmime_and_libical(self):
        """GMime and libical bring twenty shared libraries; loading them at start-up
        doubled the time of every command (issue #20). The binary does not link them: its
        module does."""
        needed = set(re.findall(r"\(NEEDED\).*\[(.+)\]",
                                subprocess.run(["readelf", "-d", BIN], capture_output=True,
                                               text=True).stdout))
        self.assertTrue(needed, "readelf found no NEEDED entries")
        self.assertFalse({n for n in needed if re.match(r"lib(gmime|ical|glib|gio|gobject)", n)},
                         needed)
        module = os.path.join(os.path.dirname(os.path.abspath(BIN)), "netlog-capture.so")
        linked = subprocess.run(["readelf", "-d", module], capture_output=True, text=True).stdout
        self.assertIn("libgmime-3.0.so", linked)
        self.assertIn("libical.so", linked)


if __name__ == "__main__":
    main()
