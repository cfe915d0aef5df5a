"""node as the ECMA-262 oracle: one long-lived `node` process answers batches of questions.

Each request is one JSON line, [pattern, [text, ...]]; the answer is one JSON line, null when
`new RegExp(pattern, "u")` throws, else a list of `.test(text)` results. JSON carries lone
surrogates both ways, so every string reaches node exactly as Python holds it.
"""

from __future__ import annotations

import json
import shutil
import subprocess

_PROGRAM = r"""
const readline = require('readline');
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [pattern, texts] = JSON.parse(line);
  let answer;
  try {
    const regex = new RegExp(pattern, 'u');
    answer = texts.map((text) => regex.test(text));
  } catch (error) {
    answer = null;
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
"""


class Node:
    def __init__(self) -> None:
        executable = shutil.which("node")
        if executable is None:
            raise RuntimeError("node is needed as the ECMA-262 oracle (Debian's `nodejs`; .ci/run installs it)")
        self.process = subprocess.Popen(
            [executable, "-e", _PROGRAM],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="surrogatepass",
        )

    def ask(self, pattern: str, texts: list[str]) -> list[bool] | None:
        """node's verdicts: None when the pattern is not valid with the u flag."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps([pattern, texts]) + "\n")
        self.process.stdin.flush()
        answer: list[bool] | None = json.loads(self.process.stdout.readline())
        return answer

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=10)
