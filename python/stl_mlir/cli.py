"""The ``python3 -m stl_mlir`` command line: check, build and convert schemes.

Commands::

    verify SCHEME [--tolerance T] [--require-exact]
    compose A B [-o OUT.json] [--name NAME]
    fit --tile MxKxN --rank R [--init random|pruned|polynomial] [--seed S]
        [--iterations N] [--restarts N] [--from SCHEME] [--name NAME]
        -o OUT.json
    report SCHEME [--shape MxKxN] [--batch B] [--weight-batch B]
        [--constant-weights] [--json]
    to-mlir SCHEME [-o OUT]
    from-mlir FILE_OR_TEXT [-o OUT.json] [--index I]
    list

``SCHEME`` is a catalog name (``strassen-4x4x4``, ``naive-2x2x2``,
``strassen-2x2x2*naive-1x1x2``, ...) or the path of a JSON scheme file.

Exit status: 0 on success; 1 when ``verify --require-exact`` finds an
approximate scheme; 2 on bad input, or without the compiler's library
(``libSTLCAPI.so``, which :mod:`stl_mlir.scheme` calls), with
``error: ...`` on stderr.
"""

import argparse
import json
import os
import re
import sys

import numpy as np

from . import scheme as schemes
from .capi import LibraryNotFound
from .scheme import SchemeError

EXIT_OK = 0
EXIT_APPROXIMATE = 1
EXIT_ERROR = 2


class CommandError(Exception):
    """A problem with the command line's input, reported as ``error: ...``."""


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def _shape(text):
    """Parses ``MxKxN`` (positive integers) for argparse."""
    match = re.fullmatch(r"\s*(\d+)\s*x\s*(\d+)\s*x\s*(\d+)\s*", text)
    if not match or 0 in (sizes := tuple(int(g) for g in match.groups())):
        raise argparse.ArgumentTypeError(
            "expected MxKxN with positive integers, got %r" % text)
    return sizes


def _number(parse, minimum, what):
    """An argparse type: ``parse(text)`` at least ``minimum``."""
    def convert(text):
        try:
            value = parse(text)
        except ValueError:
            value = None
        if value is None or not value >= minimum:
            raise argparse.ArgumentTypeError(
                "expected %s, got %r" % (what, text))
        return value
    return convert


_positive_int = _number(int, 1, "a positive integer")
_non_negative_int = _number(int, 0, "a non-negative integer")
_non_negative_float = _number(float, 0.0, "a non-negative number")


def _write(path, text, out):
    """Writes ``text`` to ``path``, or to ``out`` when ``path`` is None or
    ``-``."""
    if path is None or path == "-":
        out.write(text)
        return
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise CommandError("cannot write '%s': %s"
                           % (path, e.strerror or e)) from None


def _format_number(value):
    """A float as C's ``%g`` (as the compiler's reports print them)."""
    return "%g" % value


def _summary(s, tolerance):
    """The facts ``verify`` and ``report`` print about a scheme."""
    residual = s.brent_residual()
    return {
        "scheme": s.name,
        "tile": list(s.tile),
        "rank": s.rank,
        "exact": residual <= tolerance,
        "brent_residual": residual,
        "relative_frobenius_error": s.relative_frobenius_error(),
        "speedup_bound": s.speedup_bound(),
    }


def _print_summary(info, tolerance, out):
    m, k, n = info["tile"]
    out.write("scheme:                   %s\n" % info["scheme"])
    out.write("tile:                     %dx%dx%d\n" % (m, k, n))
    out.write("rank:                     %d\n" % info["rank"])
    out.write("Brent residual:           %s\n"
              % _format_number(info["brent_residual"]))
    out.write("exact:                    %s (tolerance %s)\n"
              % ("yes" if info["exact"] else "no, approximate",
                 _format_number(tolerance)))
    out.write("relative Frobenius error: %s\n"
              % _format_number(info["relative_frobenius_error"]))
    out.write("speedup bound:            %sx (%d / %d)\n"
              % (_format_number(info["speedup_bound"]), m * k * n,
                 info["rank"]))


def _print_cost(c, out):
    """The cost lines of the compiler's text cost report."""
    def ratio(a, b):
        return _format_number(a / b) if b else "-"

    out.write("  dense multiply-adds:        %d\n" % c["dense_macs"])
    out.write("  tile-product multiply-adds: %d (%sx fewer)\n"
              % (c["tile_product_macs"],
                 ratio(c["dense_macs"], c["tile_product_macs"])))
    out.write("  encode lhs multiply-adds:   %d (sparse %d)\n"
              % (c["encode_lhs_macs"], c["encode_lhs_macs_sparse"]))
    out.write("  encode rhs multiply-adds:   %d (sparse %d)\n"
              % (c["encode_rhs_macs"], c["encode_rhs_macs_sparse"]))
    out.write("  decode multiply-adds:       %d (sparse %d)\n"
              % (c["decode_macs"], c["decode_macs_sparse"]))
    out.write("  STL multiply-adds in all:   %d (sparse %d; dense / sparse "
              "STL = %s)\n"
              % (c["stl_macs"], c["stl_macs_sparse"],
                 ratio(c["dense_macs"], c["stl_macs_sparse"])))
    out.write("  stored weight elements:     %d -> %d\n"
              % (c["stored_weights_dense"], c["stored_weights_encoded"]))


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------

def cmd_verify(args, out):
    """Checks a scheme's exactness and prints its summary."""
    s = schemes.resolve(args.scheme)
    tolerance = (schemes.exact_tolerance() if args.tolerance is None
                 else args.tolerance)
    info = _summary(s, tolerance)
    _print_summary(info, tolerance, out)
    if args.require_exact and not info["exact"]:
        sys.stderr.write("scheme '%s' is approximate (Brent residual %s > "
                         "%s)\n" % (s.name,
                                    _format_number(info["brent_residual"]),
                                    _format_number(tolerance)))
        return EXIT_APPROXIMATE
    return EXIT_OK


def cmd_compose(args, out):
    """Kronecker composition of two schemes, as JSON."""
    composed = schemes.compose(schemes.resolve(args.a),
                               schemes.resolve(args.b))
    if args.name is not None:
        composed = composed.with_name(args.name)
    _write(args.output, composed.to_json(), out)
    if args.output not in (None, "-"):
        out.write("wrote %s: %s, tile %dx%dx%d, rank %d, %s\n"
                  % (args.output, composed.name, *composed.tile,
                     composed.rank,
                     "exact" if composed.is_exact() else "approximate"))
    return EXIT_OK


def cmd_fit(args, out):
    """Fits a scheme to the MatMul tensor (``stl_mlir.fit``) and saves it."""
    from . import fit as fitting
    options = {}
    for option in ("init", "seed", "iterations", "restarts", "ridge",
                   "perturb"):
        value = getattr(args, option)
        if value is not None:
            options[option] = value
    exact = schemes.resolve(args.source) if args.source else None
    result = fitting.fit(args.tile, args.rank, exact=exact, **options)
    fitted = result.scheme
    if args.name is not None:
        fitted = fitted.with_name(args.name)
    schemes.save(fitted, args.output)
    residual = fitted.brent_residual()
    out.write("relative Frobenius error: %s\n" % _format_number(result.error))
    out.write("Brent residual:           %s (%s)\n"
              % (_format_number(residual),
                 "exact" if fitted.is_exact() else "approximate"))
    out.write("wrote %s: %s, tile %dx%dx%d, rank %d\n"
              % (args.output, fitted.name, *fitted.tile, fitted.rank))
    return EXIT_OK


def cmd_report(args, out):
    """A scheme's summary and the STL.md section 6 cost of one MatMul."""
    s = schemes.resolve(args.scheme)
    m, k, n = args.shape if args.shape else s.tile
    c = schemes.cost(s, m, k, n, batch=args.batch,
                     weight_batch=args.weight_batch,
                     constant_weights=args.constant_weights)
    tolerance = schemes.exact_tolerance()
    info = _summary(s, tolerance)
    if args.json:
        doc = dict(info)
        doc["constant_weights"] = args.constant_weights
        doc["sizes"] = {"batch": args.batch, "m": m, "k": k, "n": n,
                        "weight_batch": args.weight_batch}
        doc["cost"] = c
        out.write(json.dumps(doc, indent=2) + "\n")
        return EXIT_OK
    _print_summary(info, tolerance, out)
    out.write("sizes: batch %d, M %d, K %d, N %d, weight batch %d%s\n"
              % (args.batch, m, k, n, args.weight_batch,
                 ", constant weights" if args.constant_weights else ""))
    _print_cost(c, out)
    return EXIT_OK


def cmd_to_mlir(args, out):
    """A scheme as a ``#stl.scheme<...>`` attribute."""
    _write(args.output, schemes.resolve(args.scheme).to_mlir() + "\n", out)
    return EXIT_OK


def cmd_from_mlir(args, out):
    """A ``#stl.scheme<...>`` attribute (text or file) as JSON."""
    source = args.source
    if os.path.isfile(source):
        try:
            with open(source, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            raise CommandError("cannot read '%s': %s"
                               % (source, getattr(e, "strerror", None) or e)
                               ) from None
        where = "'%s'" % source
    elif "#stl.scheme" in source:
        text, where = source, "the text given"
    else:
        raise CommandError("'%s' is neither a file nor a #stl.scheme "
                           "attribute" % source)
    found = schemes.find_mlir_schemes(text)
    if not found:
        raise CommandError("no #stl.scheme attribute in %s" % where)
    if args.index is None and len(found) > 1:
        raise CommandError("%d #stl.scheme attributes in %s: choose one with "
                           "--index" % (len(found), where))
    index = args.index or 0
    if index >= len(found):
        raise CommandError("--index %d: %s holds %d #stl.scheme attribute%s"
                           % (index, where, len(found),
                              "" if len(found) == 1 else "s"))
    s = found[index]
    if args.name is not None:
        s = s.with_name(args.name)
    elif not s.name:
        # The name the JSON reads back with (the library names an unnamed
        # scheme file).
        s = schemes.Scheme.from_json(s.to_json())
    _write(args.output, s.to_json(), out)
    return EXIT_OK


def cmd_export_model(args, out):
    """A trained STL model's arrays as an MLIR module (stl_mlir.model)."""
    from . import model as models
    m = models.load(args.manifest, args.arrays)
    check_input = None
    if args.check_seed is not None:
        rng = np.random.default_rng(args.check_seed)
        check_input = rng.uniform(-1, 1, (m.batch, m.layers[0].in_features))
    _write(args.output, m.to_mlir(check_input), out)
    return EXIT_OK


def cmd_list(args, out):
    """The catalog's entries: a fixed name with its tile, rank and speedup
    bound, a family (``naive-MxKxN``) with its description."""
    for pattern, description in schemes.catalog():
        try:
            s = schemes.lookup(pattern)
        except SchemeError:
            # A family: its pattern is not a name.
            out.write("%-16s %s\n" % (pattern, description))
            continue
        out.write("%-16s tile %dx%dx%d, rank %d, speedup bound %sx\n"
                  % (pattern, *s.tile, s.rank,
                     _format_number(s.speedup_bound())))
    out.write("%-16s the Kronecker composition of catalog names, e.g. "
              "strassen-2x2x2*naive-1x1x2\n" % "A*B")
    return EXIT_OK


# ---------------------------------------------------------------------------
# Parser and entry point
# ---------------------------------------------------------------------------

def _default_tolerance():
    """The library's exactness tolerance, for the help text."""
    try:
        return "the compiler's, %s" % _format_number(schemes.exact_tolerance())
    except LibraryNotFound:
        return "the compiler's"


SCHEME_HELP = "a catalog name (e.g. strassen-4x4x4) or a JSON scheme file"


def build_parser():
    """The argparse parser of the command line."""
    parser = argparse.ArgumentParser(
        prog="python3 -m stl_mlir",
        description="Check, build and convert Strassen-Tile schemes.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    p = commands.add_parser(
        "verify", help="check a scheme's exactness (Brent residual)")
    p.add_argument("scheme", metavar="SCHEME", help=SCHEME_HELP)
    p.add_argument("--tolerance", type=_non_negative_float,
                   help="largest Brent residual of an exact scheme "
                        "(default: %s)" % _default_tolerance())
    p.add_argument("--require-exact", action="store_true",
                   help="exit with status 1 when the scheme is approximate")
    p.set_defaults(handler=cmd_verify)

    p = commands.add_parser(
        "compose", help="Kronecker composition of two schemes")
    p.add_argument("a", metavar="A", help=SCHEME_HELP)
    p.add_argument("b", metavar="B", help=SCHEME_HELP)
    p.add_argument("-o", "--output", metavar="OUT.json",
                   help="write the JSON here (default: standard output)")
    p.add_argument("--name", help="name of the composed scheme "
                                  "(default: A*B)")
    p.set_defaults(handler=cmd_compose)

    p = commands.add_parser(
        "fit", help="fit a scheme to the MatMul tensor (alternating least "
                    "squares)")
    p.add_argument("--tile", type=_shape, required=True, metavar="MxKxN",
                   help="tile of the scheme, e.g. 4x4x4")
    p.add_argument("--rank", type=_positive_int, required=True, metavar="R",
                   help="number of products (rank) of the scheme")
    p.add_argument("--init", choices=("random", "pruned", "polynomial"),
                   help="initialisation (default: that of stl_mlir.fit)")
    p.add_argument("--seed", type=int, metavar="S",
                   help="random seed of the first run (default: that of "
                   "stl_mlir.fit)")
    p.add_argument("--iterations", type=_non_negative_int, metavar="N",
                   help="ALS sweeps per run (0: the initialisation itself)")
    p.add_argument("--restarts", type=_positive_int, metavar="N",
                   help="runs from seeds S, S+1, ...; the best is kept")
    p.add_argument("--ridge", type=_non_negative_float, metavar="X",
                   help="coefficient penalty (default: that of "
                   "stl_mlir.fit; 0: plain least squares)")
    p.add_argument("--perturb", type=_non_negative_float, metavar="X",
                   help="noise added to the exact scheme of --init pruned, "
                   "relative to its RMS coefficient")
    p.add_argument("--from", dest="source", metavar="SCHEME",
                   help="exact scheme to start from (for --init pruned)")
    p.add_argument("--name", help="name of the fitted scheme")
    p.add_argument("-o", "--output", required=True, metavar="OUT.json",
                   help="where to write the fitted scheme (JSON)")
    p.set_defaults(handler=cmd_fit)

    p = commands.add_parser(
        "report", help="a scheme's summary and the cost of one MatMul")
    p.add_argument("scheme", metavar="SCHEME", help=SCHEME_HELP)
    p.add_argument("--shape", type=_shape, metavar="MxKxN",
                   help="MatMul sizes (default: one tile)")
    p.add_argument("--batch", type=_positive_int, default=1, metavar="B",
                   help="batch of left operands (default: 1)")
    p.add_argument("--weight-batch", type=_positive_int, default=1,
                   metavar="B", help="batch of weights (default: 1, shared)")
    p.add_argument("--constant-weights", action="store_true",
                   help="weights encoded ahead of time (no run-time "
                        "encoding)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_report)

    p = commands.add_parser(
        "to-mlir", help="print a scheme as a #stl.scheme attribute")
    p.add_argument("scheme", metavar="SCHEME", help=SCHEME_HELP)
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write here (default: standard output)")
    p.set_defaults(handler=cmd_to_mlir)

    p = commands.add_parser(
        "from-mlir", help="convert a #stl.scheme attribute to JSON")
    p.add_argument("source", metavar="FILE_OR_TEXT",
                   help="a file holding the attribute (an MLIR file is "
                        "searched for #stl.scheme), or the attribute text")
    p.add_argument("-o", "--output", metavar="OUT.json",
                   help="write the JSON here (default: standard output)")
    p.add_argument("--index", type=int, metavar="I",
                   help="which attribute of the file (0-based) when it "
                        "holds several")
    p.add_argument("--name", help="rename the scheme")
    p.set_defaults(handler=cmd_from_mlir)

    p = commands.add_parser(
        "export-model",
        help="emit a trained STL model (.npz arrays + JSON manifest) as an "
             "MLIR module")
    p.add_argument("manifest", metavar="MANIFEST.json",
                   help="the model's layers (see stl_mlir.model)")
    p.add_argument("--arrays", metavar="ARRAYS.npz",
                   help="the arrays (default: the manifest's 'arrays')")
    p.add_argument("--check-seed", type=int, metavar="S",
                   help="also emit @main, checking the model on a random "
                        "input (seed S) against the numpy reference")
    p.add_argument("-o", "--output", metavar="OUT.mlir",
                   help="write here (default: standard output)")
    p.set_defaults(handler=cmd_export_model)

    p = commands.add_parser("list", help="list the catalog's schemes")
    p.set_defaults(handler=cmd_list)
    return parser


def main(argv=None, out=None):
    """Runs the command line; returns the exit status."""
    out = sys.stdout if out is None else out
    args = build_parser().parse_args(argv)
    if getattr(args, "index", None) is not None and args.index < 0:
        sys.stderr.write("error: --index must be non-negative\n")
        return EXIT_ERROR
    try:
        return args.handler(args, out)
    except (SchemeError, CommandError, OSError, ValueError,
            LibraryNotFound) as e:
        # ModelError, SchemeError and json.JSONDecodeError are ValueErrors.
        # SchemeError and json.JSONDecodeError are ValueErrors.
        sys.stderr.write("error: %s\n" % e)
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
