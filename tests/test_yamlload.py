"""The fast YAML loader returns exactly what PyYAML's SafeLoader returns."""

from __future__ import annotations

import pytest
import yaml

from tenderkit.yamlload import LOADER, load
from tests.helpers import BUNDLED_LIBRARY, EXAMPLES, REPO

CASES = [
    "id: a\ntitle: Mission\nstart_year: 2020\nend_year: null\nfee_eur: 52400\n",
    "a: ~\nb:\nc: Null\nd: ''\ne: \"null\"\n",
    "t: true\nf: False\ny: yes\nn: no\non: on\noff: OFF\nq: 'true'\n",
    "i: 0x1F\no: 0o17\nb: 0b101\nu: 1_000\ns: -42\np: +7\nsx: 1:30\nz: 007\n",
    "f: 1.5\ne: 1e3\nn: .nan\ninf: -.inf\nq: '1.5'\n",
    "d: 2023-05-01\nts: 2023-05-01 10:00:00\n",
    "list: [a, 1, null, [b, c], {k: v}]\nflow: {x: 1, y: [2, 3]}\n",
    "text: |\n  ligne 1\n  ligne 2\nfolded: >\n  a\n  b\nplain: a b?\n",
    "base: &b {x: 1}\nref: *b\nmerged:\n  <<: *b\n  y: 2\n",
    "s: &s texte\nt: *s\nlst: &l [1, 2]\nl2: *l\n",
    "tagged: !!str 123\nbinary: !!int '12'\n",
    "? complex key\n: value\n",
    "dup: 1\ndup: 2\n",
    "- a\n- b: 1\n  c: [x]\n",
    "just a string",
    "",
    "# only a comment\n",
    "123",
    "key: 'l''été & <b> \"c\"'\nother: \"tab\\there é\"\n",
    "--- \na: 1\n...\n",
    "nested:\n  - - 1\n    - 2\n  - {a: [b, {c: d}]}\n",
]


@pytest.mark.parametrize("text", CASES)
def test_same_as_pyyaml(text: str) -> None:
    assert load(text) == yaml.load(text, Loader=LOADER)


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: 1\n- b\n", "--- 1\n--- 2\n", "a: *nowhere\n"])
def test_same_errors_as_pyyaml(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as ours:
        load(text)
    with pytest.raises(yaml.YAMLError) as theirs:
        yaml.load(text, Loader=LOADER)
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value) == str(theirs.value)


def test_every_yaml_file_of_the_project_loads_the_same() -> None:
    paths = [*BUNDLED_LIBRARY.glob("*.yaml"), *EXAMPLES.glob("*.yaml"),
             *(REPO / "benchmarks" / "eval").rglob("*.yaml")]
    assert len(paths) > 80
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert load(text) == yaml.load(text, Loader=LOADER), path
