"""Labels, types and targets, read from `data/vocabulary.yaml` (the one place they are defined)."""

from __future__ import annotations

from functools import lru_cache

from idm_data.resources import load_yaml


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return load_yaml("vocabulary.yaml")


def _readable(key: str) -> str:
    return str(key).replace("_", " ").capitalize()


@lru_cache(maxsize=1)
def doc_type_labels() -> dict[str, str]:
    """Document type id -> label, in the file's order."""
    return {key: spec["label"] for key, spec in _vocabulary()["doc_types"].items()}


def doc_type_label(doc_type: str) -> str:
    return doc_type_labels().get(doc_type) or _readable(doc_type)


@lru_cache(maxsize=1)
def doc_type_phrases() -> dict[str, tuple[str, ...]]:
    """Document type id -> the phrases that name it in a document's opening lines."""
    return {key: tuple(spec["phrases"]) for key, spec in _vocabulary()["doc_types"].items()}


@lru_cache(maxsize=1)
def actor_type_labels() -> dict[str, str]:
    return dict(_vocabulary()["actor_types"])


def actor_type_label(actor_type: str) -> str:
    return actor_type_labels().get(actor_type) or _readable(actor_type)


def theme_family_label(family: str, plural: bool = False) -> str:
    spec = _vocabulary()["theme_families"].get(family, {})
    return spec.get("plural" if plural else "label") or _readable(family)


@lru_cache(maxsize=1)
def accuracy_targets() -> dict[str, dict[str, float]]:
    """Entity type -> {"precision": minimum, "recall": minimum}: the issues' targets."""
    return dict(_vocabulary()["accuracy_targets"])


@lru_cache(maxsize=1)
def accuracy_floors() -> dict[str, dict[str, float]]:
    """Targets plus the tests' regression floors for entity types without one."""
    return {**_vocabulary()["accuracy_floors"], **accuracy_targets()}


def theme_coding_target() -> dict[str, float]:
    """{"precision": minimum, "recall": minimum} of the held-out GCM objective coding."""
    return dict(_vocabulary()["theme_coding_target"])
