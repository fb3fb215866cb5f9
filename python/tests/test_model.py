"""stl_mlir.model: trained STL models from arrays and a manifest.

The reference of a layer is the STL operator of its scheme: with its weight
dense or stored encoded (encode_rhs of the same weight) it is the same; the
shipped example loads; manifests that do not agree with their arrays are
refused with a message naming the layer and the problem.
"""

import json
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import model, reference, scheme  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
EXAMPLE = os.path.join(ROOT, "examples", "trained-mlp", "manifest.json")


def _write(tmp_path, manifest, arrays):
    np.savez(str(tmp_path / "arrays.npz"), **arrays)
    manifest = dict(manifest, arrays="arrays.npz")
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    return str(path)


def test_dense_and_encoded_weights_agree(tmp_path):
    s = scheme.lookup("strassen-2x2x2")
    rng = np.random.default_rng(0)
    w = rng.uniform(-1, 1, (8, 6))
    arrays = {"w": w, "we": reference.encode_rhs(w, s), "b": np.ones(6)}
    path = _write(tmp_path, {"batch": 4, "layers": [
        {"scheme": "strassen-2x2x2", "weight": "w", "bias": "b",
         "activation": "relu"}]}, arrays)
    encoded = _write(tmp_path, {"batch": 4, "layers": [
        {"scheme": "strassen-2x2x2", "encoded_weight": "we", "bias": "b",
         "activation": "relu"}]}, arrays)
    x = rng.uniform(-1, 1, (4, 8))
    expected = np.maximum(x @ w + 1, 0)
    np.testing.assert_allclose(model.load(path).reference(x), expected,
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(model.load(encoded).reference(x), expected,
                               rtol=1e-12, atol=1e-12)


def test_the_example_loads():
    m = model.load(EXAMPLE)
    assert [layer.name for layer in m.layers] == ["fc1", "fc2"]
    assert (m.batch, m.layers[0].in_features, m.layers[-1].out_features) \
        == (8, 32, 16)
    text = m.to_mlir()
    assert "func.func @mlp(" in text and "stl.tile_product" in text


@pytest.mark.parametrize("layers, message", [
    ([{"scheme": "strassen-2x2x2", "weight": "missing"}],
     "no array 'missing'"),
    ([{"scheme": "strassen-2x2x2", "weight": "w", "encoded_weight": "w"}],
     "give one of 'weight' and 'encoded_weight'"),
    ([{"weight": "w"}], "give 'scheme'"),
    ([{"scheme": "strassen-2x2x2", "weight": "odd"}],
     "is not K x N with K a multiple of 2"),
    ([{"scheme": "strassen-2x2x2", "weight": "w", "activation": "gelu"}],
     "unknown activation 'gelu'"),
    ([{"scheme": "strassen-2x2x2", "weight": "w", "bias": "w"}],
     "bias of shape"),
    ([{"scheme": "strassen-2x2x2", "weight": "w"},
      {"scheme": "strassen-2x2x2", "weight": "w"}],
     "layer 1 (layer1) takes 8 features, layer 0 gives 6"),
    ([{"scheme": "strassen-2x2x2", "weight": "w", "colour": "red"}],
     "unknown key 'colour'"),
])
def test_bad_manifests(tmp_path, layers, message):
    arrays = {"w": np.ones((8, 6)), "odd": np.ones((7, 6))}
    path = _write(tmp_path, {"batch": 4, "layers": layers}, arrays)
    with pytest.raises(model.ModelError, match=message.replace("(", r"\(")
                       .replace(")", r"\)")):
        model.load(path)
