"""CI runs what the README tells a developer to run: .ci/run's command is the
quick start's second command, word for word, and the scripts it names exist."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE_DIR, main  # noqa: E402


def read(*path):
    with open(os.path.join(SOURCE_DIR, *path), encoding="utf-8") as f:
        return f.read()


class Ci(unittest.TestCase):
    def test_ci_runs_the_readme_second_command(self):
        start = read("README.md").split("## Quick start", 1)[1]
        block = re.search(r"```sh\n(.*?)```", start, re.S).group(1)
        commands = [line for line in block.splitlines() if line and not line.startswith("#")]
        self.assertEqual(len(commands), 2, block)
        ci = [line for line in read(".ci", "run").splitlines()
              if line and not line.startswith(("#", "set ", "cd "))]
        self.assertEqual(ci, [commands[1]])

    def test_the_scripts_it_runs_are_executable(self):
        for script in ("tools/install-deps", "tools/test-all", "tools/fuzz"):
            path = os.path.join(SOURCE_DIR, script)
            self.assertTrue(os.access(path, os.X_OK), script)


if __name__ == "__main__":
    main()
