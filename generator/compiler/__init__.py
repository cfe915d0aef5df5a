"""The validator compiler: a JSON Schema document (draft 4 to 2020-12) in, standard-library Python source out."""

from generator.compiler.module import ValidatorModule, compile_module

__all__ = ["ValidatorModule", "compile_module"]
