"""Checking payload documents with compiled validators: standard library only, relative imports only.

specgen's `validate` runs this code, and `generate` copies it verbatim into each generated package
(as `<package>/_check/`), so that `python -m <package> validate` reads, judges and reports exactly
as specgen does, with nothing but the package installed.

- `jsonread`: strict, exact JSON text (UTF-8, BOM skipped, no duplicate keys or lone surrogates,
  numbers kept as the decimals they are written as), parsed incrementally from a stream;
- `inputs`: files, directories, globs, `--exclude`, standard input, pipes and FIFOs as documents;
- `reports`: text, JSON Lines, GitHub annotations, SARIF 2.1.0 and JUnit XML;
- `runner`: which schema a document is checked against, streaming large arrays, exit codes;
- `command`: the `validate` command line of a generated package.
"""
