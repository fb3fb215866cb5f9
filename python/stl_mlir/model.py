"""Trained STL models from arrays: an MLIR module of the model's layers.

A model trained with STL layers (``STL.md`` section 1) is, per layer, a
scheme (its learned U, V, D) and either its weight ``W`` (K x N) or its
weight stored encoded (``r x K/k x N/n``), with an optional bias and
activation. Its arrays come in an ``.npz`` file (what numpy and PyTorch
users can both write) and a JSON manifest names them::

    {"name": "mlp", "batch": 8, "input": 32,
     "layers": [
       {"name": "fc1", "scheme": "fc1.json", "weight": "fc1.w",
        "bias": "fc1.b", "activation": "relu"},
       {"name": "fc2", "u": "fc2.U", "v": "fc2.V", "d": "fc2.D",
        "tile": [2, 2, 2], "encoded_weight": "fc2.we", "bias": "fc2.b"}]}

A layer's scheme is a scheme file or catalog name (``scheme``, files
relative to the manifest) or its coefficients in the arrays (``u``, ``v``,
``d`` and ``tile``). :func:`load` reads and checks both files;
:meth:`Model.to_mlir` emits ``func.func @<name>(%x: tensor<BxK>) ->
tensor<BxN>``, each layer a ``linalg.matmul`` carrying its scheme as
``stl.scheme`` (``--stl-replace-matmul`` applies it; its weight a constant)
or, for an encoded weight, ``stl.encode lhs`` / ``stl.tile_product`` /
``stl.decode``, then the bias and the activation (``relu``) as
``linalg.generic``; with ``check_input`` it adds a ``@main`` that runs the
model on that input and prints its largest relative error against
:meth:`Model.reference`, the numpy reference operator (f64), and ``PASS``
or ``FAIL``. Command line: ``python3 -m stl_mlir export-model``.
"""

import json
import os

import numpy as np

from . import reference
from . import scheme as schemes

__all__ = ["ModelError", "Layer", "Model", "load"]

ACTIVATIONS = ("relu",)


class ModelError(ValueError):
    """A manifest or an array file is invalid, or they do not agree."""


class Layer:
    """One STL layer: its scheme, weight (dense or encoded), bias and
    activation."""

    def __init__(self, name, scheme, weight=None, encoded_weight=None,
                 bias=None, activation=None):
        self.name, self.scheme = name, scheme
        self.weight, self.encoded_weight = weight, encoded_weight
        self.bias, self.activation = bias, activation

    @property
    def in_features(self):
        if self.weight is not None:
            return self.weight.shape[0]
        return self.encoded_weight.shape[1] * self.scheme.tile[1]

    @property
    def out_features(self):
        if self.weight is not None:
            return self.weight.shape[1]
        return self.encoded_weight.shape[2] * self.scheme.tile[2]

    def reference(self, x):
        """The layer on ``x`` (batch x in), in f64."""
        x = np.asarray(x, np.float64)
        if self.weight is not None:
            y = reference.stl_matmul(x, self.weight, self.scheme)
        else:
            y = reference.decode(
                reference.tile_product(
                    reference.encode_lhs(x, self.scheme),
                    np.asarray(self.encoded_weight, np.float64)),
                self.scheme)
        if self.bias is not None:
            y = y + self.bias
        if self.activation == "relu":
            y = np.maximum(y, 0.0)
        return y


class Model:
    """A batch x input model of STL layers."""

    def __init__(self, name, batch, layers):
        self.name, self.batch, self.layers = name, batch, layers

    def reference(self, x):
        """The model on ``x``: the numpy reference operator, f64."""
        for layer in self.layers:
            x = layer.reference(x)
        return x

    def to_mlir(self, check_input=None):
        """The module (text); with ``check_input`` a ``@main`` checking the
        model against :meth:`reference` on it (bound 1e-5)."""
        b = self.batch
        lines = []
        k0 = self.layers[0].in_features
        n_last = self.layers[-1].out_features
        lines.append("func.func @%s(%%x: %s) -> %s {" % (
            self.name, _type(b, k0), _type(b, n_last)))
        lines.append("  %zero = arith.constant 0.0 : f32")
        value = "%x"
        for i, layer in enumerate(self.layers):
            value = _emit_layer(lines, i, layer, b, value)
        lines.append("  return %s : %s" % (value, _type(b, n_last)))
        lines.append("}")
        if check_input is not None:
            lines.append(_emit_check(self, np.asarray(check_input, np.float32)))
        return "\n".join(lines) + "\n"


def _type(*shape):
    return "tensor<%sxf32>" % "x".join(str(s) for s in shape)


def _dense(array):
    """A dense<...> literal of ``array`` (f32 values, nested)."""
    array = np.asarray(array, np.float32)
    if array.ndim == 0:
        return "%.9e" % array
    return "[%s]" % ", ".join(_dense(a) for a in array)


def _emit_layer(lines, i, layer, b, value):
    s = layer.scheme
    m, k, n = s.tile
    kin, nout = layer.in_features, layer.out_features
    attr = s.to_mlir()
    out = _type(b, nout)
    p = "%%l%d" % i
    lines.append("  // layer %d: %s" % (i, layer.name))
    lines.append("  %s_init = tensor.empty() : %s" % (p, out))
    lines.append("  %s_zero = linalg.fill ins(%%zero : f32) outs(%s_init : "
                 "%s) -> %s" % (p, p, out, out))
    if layer.weight is not None:
        w = _type(kin, nout)
        lines.append("  %s_w = arith.constant dense<%s> : %s"
                     % (p, _dense(layer.weight), w))
        lines.append("  %s_y = linalg.matmul {stl.scheme = %s} ins(%s, %s_w "
                     ": %s, %s) outs(%s_zero : %s) -> %s"
                     % (p, attr, value, p, _type(b, kin), w, p, out, out))
    else:
        r = s.rank
        xe, we = _type(r, b // m, kin // k), _type(r, kin // k, nout // n)
        ce = _type(r, b // m, nout // n)
        lines.append("  %s_we = arith.constant dense<%s> : %s"
                     % (p, _dense(layer.encoded_weight), we))
        lines.append("  %s_xe0 = tensor.empty() : %s" % (p, xe))
        lines.append("  %s_xe = stl.encode lhs %s ins(%s : %s) outs(%s_xe0 : "
                     "%s) -> %s" % (p, attr, value, _type(b, kin), p, xe, xe))
        lines.append("  %s_ce0 = tensor.empty() : %s" % (p, ce))
        lines.append("  %s_acc = linalg.fill ins(%%zero : f32) outs(%s_ce0 : "
                     "%s) -> %s" % (p, p, ce, ce))
        lines.append("  %s_ce = stl.tile_product ins(%s_xe, %s_we : %s, %s) "
                     "outs(%s_acc : %s) -> %s" % (p, p, p, xe, we, p, ce, ce))
        lines.append("  %s_y = stl.decode %s ins(%s_ce : %s) outs(%s_zero : "
                     "%s) -> %s" % (p, attr, p, ce, p, out, out))
    value = "%s_y" % p
    if layer.bias is not None:
        bias = _type(nout)
        lines.append("  %s_b = arith.constant dense<%s> : %s"
                     % (p, _dense(layer.bias), bias))
        lines.append(
            "  %s_biased = linalg.generic {indexing_maps = [affine_map<(i, "
            "j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = "
            "[\"parallel\", \"parallel\"]} ins(%s_b : %s) outs(%s : %s) {\n"
            "  ^bb0(%%bias: f32, %%acc: f32):\n"
            "    %%sum = arith.addf %%acc, %%bias : f32\n"
            "    linalg.yield %%sum : f32\n"
            "  } -> %s" % (p, p, bias, value, out, out))
        value = "%s_biased" % p
    if layer.activation == "relu":
        lines.append(
            "  %s_act = linalg.generic {indexing_maps = [affine_map<(i, j) "
            "-> (i, j)>], iterator_types = [\"parallel\", \"parallel\"]} "
            "outs(%s : %s) {\n"
            "  ^bb0(%%v: f32):\n"
            "    %%relu = arith.maximumf %%v, %%zero : f32\n"
            "    linalg.yield %%relu : f32\n"
            "  } -> %s" % (p, value, out, out))
        value = "%s_act" % p
    return value


def _emit_check(model, x):
    """@main: the model on ``x`` against the reference, relative error and
    PASS (at most 1e-5) or FAIL."""
    b, k0 = x.shape
    n = model.layers[-1].out_features
    ref = model.reference(x)
    t_in, t_out = _type(b, k0), _type(b, n)
    return """
func.func @main() {
  %%x = arith.constant dense<%s> : %s
  %%ref = arith.constant dense<%s> : %s
  %%y = call @%s(%%x) : (%s) -> %s
  %%init = tensor.empty() : tensor<f32>
  %%zero = arith.constant 0.0 : f32
  %%z = linalg.fill ins(%%zero : f32) outs(%%init : tensor<f32>) -> tensor<f32>
  %%err = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%%y, %%ref : %s, %s) outs(%%z : tensor<f32>) {
  ^bb0(%%a: f32, %%r: f32, %%m: f32):
    %%d = arith.subf %%a, %%r : f32
    %%e = math.absf %%d : f32
    %%mx = arith.maximumf %%m, %%e : f32
    linalg.yield %%mx : f32
  } -> tensor<f32>
  %%scale = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>], iterator_types = ["reduction", "reduction"]}
      ins(%%ref : %s) outs(%%z : tensor<f32>) {
  ^bb0(%%r: f32, %%m: f32):
    %%e = math.absf %%r : f32
    %%mx = arith.maximumf %%m, %%e : f32
    linalg.yield %%mx : f32
  } -> tensor<f32>
  %%ev = tensor.extract %%err[] : tensor<f32>
  %%sv = tensor.extract %%scale[] : tensor<f32>
  %%rel = arith.divf %%ev, %%sv : f32
  vector.print str "%s: relative error "
  vector.print %%rel : f32
  %%bound = arith.constant 1.0e-5 : f32
  %%ok = arith.cmpf ole, %%rel, %%bound : f32
  scf.if %%ok {
    vector.print str "PASS\\n"
  } else {
    vector.print str "FAIL\\n"
  }
  return
}""" % (_dense(x), t_in, _dense(ref), t_out, model.name, t_in, t_out,
        t_out, t_out, t_out, model.name)


def _array(arrays, key, what):
    if key not in arrays:
        raise ModelError("%s: no array '%s' in the arrays file (it has: %s)"
                         % (what, key, ", ".join(sorted(arrays)) or "none"))
    array = np.asarray(arrays[key])
    if not np.issubdtype(array.dtype, np.floating):
        raise ModelError("%s: array '%s' is not floating-point (%s)"
                         % (what, key, array.dtype))
    if not np.all(np.isfinite(array)):
        raise ModelError("%s: array '%s' has non-finite values" % (what, key))
    return array.astype(np.float64)


def _layer(entry, i, arrays, directory):
    if not isinstance(entry, dict):
        raise ModelError("layer %d is not an object" % i)
    known = {"name", "scheme", "u", "v", "d", "tile", "weight",
             "encoded_weight", "bias", "activation"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise ModelError("layer %d: unknown key '%s' (expected %s)"
                         % (i, unknown[0], ", ".join(sorted(known))))
    name = str(entry.get("name", "layer%d" % i))
    what = "layer %d (%s)" % (i, name)
    if "scheme" in entry:
        spec = entry["scheme"]
        if not isinstance(spec, str):
            raise ModelError("%s: 'scheme' must be a string" % what)
        if (spec.endswith(".json") or "/" in spec) and \
                not os.path.isabs(spec):
            spec = os.path.join(directory, spec)
        s = schemes.resolve(spec)
    elif all(key in entry for key in ("u", "v", "d", "tile")):
        s = schemes.Scheme(name, tuple(entry["tile"]),
                           _array(arrays, entry["u"], what),
                           _array(arrays, entry["v"], what),
                           _array(arrays, entry["d"], what))
    else:
        raise ModelError("%s: give 'scheme' (a file or catalog name) or "
                         "'u', 'v', 'd' and 'tile'" % what)
    if ("weight" in entry) == ("encoded_weight" in entry):
        raise ModelError("%s: give one of 'weight' and 'encoded_weight'"
                         % what)
    m, k, n = s.tile
    weight = encoded = None
    if "weight" in entry:
        weight = _array(arrays, entry["weight"], what)
        if weight.ndim != 2 or weight.shape[0] % k or weight.shape[1] % n:
            raise ModelError("%s: weight of shape %s is not K x N with K a "
                             "multiple of %d and N of %d"
                             % (what, weight.shape, k, n))
    else:
        encoded = _array(arrays, entry["encoded_weight"], what)
        if encoded.ndim != 3 or encoded.shape[0] != s.rank:
            raise ModelError("%s: encoded weight of shape %s is not r x K/k "
                             "x N/n with r = %d" % (what, encoded.shape,
                                                    s.rank))
    layer = Layer(name, s, weight, encoded)
    if "bias" in entry:
        layer.bias = _array(arrays, entry["bias"], what)
        if layer.bias.shape != (layer.out_features,):
            raise ModelError("%s: bias of shape %s, expected (%d,)"
                             % (what, layer.bias.shape, layer.out_features))
    if "activation" in entry:
        if entry["activation"] not in ACTIVATIONS:
            raise ModelError("%s: unknown activation '%s' (expected %s)"
                             % (what, entry["activation"],
                                ", ".join(ACTIVATIONS)))
        layer.activation = entry["activation"]
    return layer


def load(manifest_path, arrays_path=None):
    """The model of a manifest and its arrays (``.npz``; default: the
    manifest's ``"arrays"`` key, relative to it)."""
    with open(manifest_path) as f:
        try:
            manifest = json.load(f)
        except json.JSONDecodeError as e:
            raise ModelError("manifest '%s': invalid JSON: %s"
                             % (manifest_path, e))
    if not isinstance(manifest, dict) or \
            not isinstance(manifest.get("layers"), list) or \
            not manifest["layers"]:
        raise ModelError("manifest '%s': expected an object with a non-empty "
                         "list 'layers'" % manifest_path)
    directory = os.path.dirname(os.path.abspath(manifest_path))
    if arrays_path is None:
        if "arrays" not in manifest:
            raise ModelError("manifest '%s' names no 'arrays' file; give "
                             "one" % manifest_path)
        arrays_path = os.path.join(directory, manifest["arrays"])
    with np.load(arrays_path, allow_pickle=False) as arrays:
        arrays = dict(arrays)
    batch = manifest.get("batch", 1)
    name = manifest.get("name", "model")
    if not isinstance(batch, int) or batch < 1:
        raise ModelError("manifest: 'batch' must be a positive integer")
    if not isinstance(name, str) or not name.replace("_", "").isalnum():
        raise ModelError("manifest: 'name' must be an identifier")
    layers = [_layer(e, i, arrays, directory)
              for i, e in enumerate(manifest["layers"])]
    for i, layer in enumerate(layers):
        if batch % layer.scheme.tile[0]:
            raise ModelError("layer %d (%s): the batch %d is not a multiple "
                             "of the tile's m = %d"
                             % (i, layer.name, batch, layer.scheme.tile[0]))
        if i and layers[i - 1].out_features != layer.in_features:
            raise ModelError("layer %d (%s) takes %d features, layer %d "
                             "gives %d" % (i, layer.name, layer.in_features,
                                           i - 1,
                                           layers[i - 1].out_features))
    if "input" in manifest and manifest["input"] != layers[0].in_features:
        raise ModelError("manifest: 'input' is %s, the first layer takes %d"
                         % (manifest["input"], layers[0].in_features))
    return Model(name, batch, layers)
