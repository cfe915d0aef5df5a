"""The validator compiler: a JSON Schema 2020-12 document in, standard-library Python source out."""

from generator.compiler.module import ValidatorModule, compile_module

__all__ = ["ValidatorModule", "compile_module"]
