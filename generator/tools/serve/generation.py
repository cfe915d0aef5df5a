"""The deterministic "model" serve runs: it echoes the last user message, and thinks out loud when
asked, so that answers can be predicted by tests and read by people."""

from __future__ import annotations

from typing import Any

from generator.spec.runware import RESULT_INDEX, TASK_ID, TASK_TYPE

COST_PER_TOKEN = 0.000002  # USD: a made-up price, so that includeCost has something to report


def _words(text: str) -> list[str]:
    return text.split() or ["…"]


class Generation:
    """One result of a task (the `index`-th of its numberResults)."""

    def __init__(self, task: dict[str, Any], index: int = 0) -> None:
        self.task = task
        self.index = index
        settings = task.get("settings", {})
        user = [m.get("content", "") for m in task.get("messages", []) if m.get("role") == "user"]
        prompt = user[-1] if user else ""
        limit = settings.get("maxTokens", 32768)
        words = _words(f"You said: {prompt}" + (f" (variation {index + 1})" if index else ""))
        self.finish_reason = "length" if len(words) > limit else "stop"
        self.words = words[:limit]
        thinking = settings.get("thinkingLevel", "none") != "none"
        self.reasoning = f"The user wrote {len(_words(prompt))} words; I will repeat them." if thinking else ""
        self.prompt_tokens = sum(len(_words(str(m.get("content", "")))) for m in task.get("messages", []))

    @property
    def head(self) -> dict[str, Any]:
        """What every item about this result starts with: the task's type and UUID, and which result."""
        return {TASK_TYPE: self.task[TASK_TYPE], TASK_ID: self.task[TASK_ID], RESULT_INDEX: self.index}

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def usage(self) -> dict[str, int]:
        completion = len(self.words)
        usage = {
            "promptTokens": self.prompt_tokens,
            "completionTokens": completion,
            "totalTokens": self.prompt_tokens + completion,
        }
        if self.reasoning:
            usage["thinkingTokens"] = len(_words(self.reasoning))
        return usage

    def extras(self) -> dict[str, Any]:
        """usage and cost, when the task asked for them."""
        extras: dict[str, Any] = {}
        if self.task.get("includeUsage"):
            extras["usage"] = self.usage()
        if self.task.get("includeCost"):
            extras["cost"] = round(self.usage()["totalTokens"] * COST_PER_TOKEN, 8)
        return extras

    def result(self) -> dict[str, Any]:
        base = {**self.head, "text": self.text, "finishReason": self.finish_reason}
        if self.reasoning:
            base["reasoningContent"] = [self.reasoning]
        return {**base, **self.extras()}

    def stream_chunks(self) -> list[dict[str, Any] | None]:
        """The stream's chunks in order, None where a keep-alive ping goes: reasoning, one chunk per
        word, then the final chunk with the finish reason, usage and cost."""
        chunks: list[dict[str, Any] | None] = [None]
        if self.reasoning:
            chunks.append({**self.head, "delta": {"reasoningContent": self.reasoning}})
        for position, word in enumerate(self.words):
            chunks.append({**self.head, "delta": {"text": word if position == 0 else " " + word}, "finishReason": None})
            if position == 0:
                chunks.append(None)
        chunks.append({**self.head, "delta": {}, "finishReason": self.finish_reason, **self.extras()})
        return chunks
