#!/usr/bin/python3
"""Derives codegen/spec/ops.json from what PyTorch 1.13 and the presets report about themselves.

Run with Debian's /usr/bin/python3 (needs torch 1.13 and torchgen) and a JDK (javap):

    /usr/bin/python3 codegen/derive_spec.py

Inputs (read, never copied into the repo):
  * torchgen's native_functions.yaml: schemas, variants (method / function), defaults, return names;
  * dir(torch.Tensor), dir(torch), dir(torch.nn.functional): the public names;
  * javap of org.bytedeco.pytorch.Tensor and org.bytedeco.pytorch.global.torch: what the presets bind.
Hand-made inputs (checked in beside the output):
  * codegen/functional_map.tsv: which ATen op each torch.nn.functional name calls;
  * codegen/handwritten.tsv: names that hand-written Java provides (the generator skips them);
  * codegen/exclude.tsv: names left out on purpose (e.g. ops that crash LibTorch on bad input);
  * codegen/reasons.tsv: the reason written for each name the deriver could not map.
Outputs: codegen/spec/ops.json (one entry per generated Java method) and codegen/spec/names.json
(every public name per namespace, for the coverage count), plus codegen/spec/exclusions.tsv.
"""
import glob
import json
import os
import re
import subprocess
import sys

import torch
import torch.nn.functional as F
import yaml
from torchgen.model import FunctionSchema

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, 'spec')
YAML = '/usr/lib/python3/dist-packages/torchgen/packaged/ATen/native/native_functions.yaml'
M2 = os.path.expanduser('~/.m2/repository/org/bytedeco')
PRESETS = f'{M2}/pytorch/2.10.0-1.5.13/pytorch-2.10.0-1.5.13.jar'
JAVACPP = f'{M2}/javacpp/1.5.13/javacpp-1.5.13.jar'

JAVA_KEYWORDS = set('''abstract assert boolean break byte case catch char class const continue default do double
else enum extends final finally float for goto if implements import instanceof int interface long native new
package private protected public return short static strictfp super switch synchronized this throw throws
transient try void volatile while true false null var record yield'''.split())
# Python-only typing helpers and dispatch utilities in torch.nn.functional: not ops
F_NOT_OPS = {'Callable', 'DType', 'List', 'Optional', 'Tensor', 'Tuple', 'Union', 'assert_int_or_pair',
             'boolean_dispatch', 'handle_torch_function', 'has_torch_function', 'has_torch_function_unary',
             'has_torch_function_variadic'}


def camel(name):
    """index_select -> indexSelect; masked_fill_ -> maskedFill_ (the in-place underscore stays)."""
    trail = '_' if name.endswith('_') and not name.endswith('__') else ''
    parts = [p for p in name.rstrip('_').split('_') if p]
    if not parts:
        return name
    s = parts[0] + ''.join(p[:1].upper() + p[1:] for p in parts[1:])
    if s in JAVA_KEYWORDS:
        s = 'as' + s[:1].upper() + s[1:]          # x.float() -> asFloat(); documented in codegen/README.md
    return s + trail


def param_name(name):
    s = camel(name.rstrip('_'))
    return s + '_' if s in JAVA_KEYWORDS else s


# ----------------------------------------------------------------------------- presets (javap)

def javap(cls):
    out = subprocess.run(['javap', '-public', '-cp', f'{PRESETS}:{JAVACPP}', cls], check=True,
                         capture_output=True, text=True).stdout
    methods = {}
    for line in out.splitlines():
        m = re.match(r'\s*public (static )?native ([\w.$\[\]<>]+) (\w+)\((.*)\);', line)
        if not m:
            continue
        ret, name, params = m.group(2), m.group(3), m.group(4)
        types = [simple(p.strip()) for p in params.split(',')] if params.strip() else []
        methods.setdefault(name, []).append((simple(ret), types))
    return methods


def simple(t):
    dots = t.endswith('...')
    t = t[:-3] if dots else t
    return t.split('.')[-1].split('$')[-1] + ('...' if dots else '')


# ----------------------------------------------------------------------------- types

# schema type -> (Java type, conversion kind, acceptable presets parameter types)
def java_type(arg, ns):
    t = str(arg.type)
    base = re.sub(r'\[\d+\]', '[]', t)
    if ns == 'Functional' and arg.name == 'reduction' and base == 'int':
        return 'Reduction', 'reduction', ['long']
    table = {
        'Tensor': ('Tensor', 'tensor', ['Tensor']),
        'Tensor?': ('Tensor', 'tensor_opt', ['TensorOptional']),
        'Scalar': ('Scalar', 'scalar', ['Scalar']),
        'Scalar?': ('Scalar?', 'scalar_opt', ['ScalarOptional']),
        'int': ('long', 'long', ['long']),
        'SymInt': ('long', 'long', ['long']),
        'int?': ('Long', 'long_opt', ['LongOptional']),
        'SymInt?': ('Long', 'long_opt', ['LongOptional']),
        'int[]': ('long[]', 'longs', ['long...', 'long[]']),
        'SymInt[]': ('long[]', 'longs', ['long...', 'long[]']),
        'int[]?': ('long[]', 'longs_opt', ['long...', 'long[]']),
        'SymInt[]?': ('long[]', 'longs_opt', ['long...', 'long[]']),
        'float': ('double', 'double', ['double']),
        'float?': ('Double', 'double_opt', ['DoubleOptional']),
        'bool': ('boolean', 'boolean', ['boolean']),
        'bool?': ('Boolean', 'bool_opt', ['BoolOptional']),
        'ScalarType': ('DType', 'dtype', ['ScalarType']),
        'ScalarType?': ('DType', 'dtype_opt', ['ScalarTypeOptional']),
        'str': ('String', 'str', ['String']),
        'str?': ('String', 'str_opt', ['StringViewOptional']),
        'Tensor[]': ('Tensor[]', 'tensors', ['TensorVector', 'TensorArrayRef']),
        'Device?': ('Device', 'device_opt', ['DeviceOptional']),
        # dropped: Python-side knobs torch4j does not expose; passed as "none"
        'Generator?': (None, 'drop', ['GeneratorOptional']),
        'Layout?': (None, 'drop', ['LayoutOptional']),
        'MemoryFormat?': (None, 'drop', ['MemoryFormatOptional']),
        'MemoryFormat': (None, 'drop', ['MemoryFormat']),
    }
    if arg.name == 'pin_memory' and base == 'bool?':
        return None, 'drop', ['BoolOptional']
    if base in table:
        return table[base]
    return 'UNSUPPORTED:' + t, 'unsupported', []


DROP_NONE = {'GeneratorOptional': 'Args.NO_GENERATOR', 'LayoutOptional': 'Args.NO_LAYOUT',
             'MemoryFormatOptional': 'Args.NO_MEMORY_FORMAT', 'BoolOptional': 'Args.NO_BOOL'}
NONE_CONST = {'TensorOptional': 'Args.NO_TENSOR', 'ScalarOptional': 'Args.NO_SCALAR', 'LongOptional': 'Args.NO_LONG',
              'DoubleOptional': 'Args.NO_DOUBLE', 'BoolOptional': 'Args.NO_BOOL',
              'ScalarTypeOptional': 'Args.NO_DTYPE', 'LayoutOptional': 'Args.NO_LAYOUT',
              'DeviceOptional': 'Args.NO_DEVICE', 'GeneratorOptional': 'Args.NO_GENERATOR',
              'MemoryFormatOptional': 'Args.NO_MEMORY_FORMAT', 'StringViewOptional': 'Args.NO_STRING'}


def default_expr(arg, ptype):
    """The Java expression of a schema default, for the presets parameter type ptype (None if unknown)."""
    d = arg.default
    t = re.sub(r'\[\d+\]', '[]', str(arg.type))
    if d is None:
        return None
    if d == 'None':
        if ptype in NONE_CONST:
            return NONE_CONST[ptype]
        if ptype == 'Tensor' and t == 'Tensor?':
            return 'Args.UNDEFINED'
        return None
    if ptype == 'long':
        if d == 'Mean':
            return '1L'
        if d == 'Sum':
            return '2L'
        if d in ('None',):
            return None
        try:
            return str(int(d)) + 'L'
        except ValueError:
            return None
    if ptype == 'double':
        try:
            return repr(float(d))
        except ValueError:
            return None
    if ptype == 'boolean':
        return {'True': 'true', 'False': 'false'}.get(d)
    if ptype == 'Scalar':
        try:
            return f'Scalars.of({int(d)}L)'
        except ValueError:
            try:
                return f'Scalars.of({float(d)!r})'
            except ValueError:
                return None
    if ptype in ('long...', 'long[]'):
        n = re.search(r'\[(\d+)\]', str(arg.type))
        if d.startswith('['):
            vals = [v.strip() for v in d.strip('[]').split(',') if v.strip()]
        else:
            vals = [d] * (int(n.group(1)) if n else 1)
        try:
            return 'new long[] {' + ', '.join(str(int(v)) + 'L' for v in vals) + '}'
        except ValueError:
            return None
    if ptype == 'String':
        if d.startswith('"') or d.startswith("'"):
            return '"' + d.strip('"\'') + '"'
        return None
    if ptype == 'MemoryFormat' and d == 'contiguous_format':
        return 'torch.MemoryFormat.Contiguous'
    return None


def java_default(arg):
    """PyTorch default as the spec records it (Python literal text), or None."""
    return arg.default


# ----------------------------------------------------------------------------- returns

def return_kind(schema, ns, self_name, rename):
    rets = schema.returns
    if len(rets) == 1:
        r = rets[0]
        t = str(r.type)
        if t == 'Tensor':
            if r.annotation is not None and r.annotation.is_write:
                # returns the mutated argument (self for in-place)
                for a in schema.arguments.flat_all:
                    if a.annotation is not None and a.annotation.alias_set == r.annotation.alias_set:
                        return {'kind': 'arg', 'arg': rename.get(a.name, a.name)}, 'Tensor'
                return None, None
            return {'kind': 'tensor'}, 'Tensor'
        if t == 'Tensor[]' and (r.annotation is None or not r.annotation.is_write):
            return {'kind': 'list'}, 'List<Tensor>'
        if t == 'bool':
            return {'kind': 'boolean'}, 'boolean'
        if t in ('int', 'SymInt'):
            return {'kind': 'long'}, 'long'
        if t == 'float':
            return {'kind': 'double'}, 'double'
        if t == 'ScalarType':
            return {'kind': 'dtype'}, 'DType'
        return None, None
    if len(rets) >= 2 and all(str(r.type) == 'Tensor' and r.annotation is None for r in rets):
        names = [r.name for r in rets]
        if any(n is None for n in names):
            base = schema.name.name.base.split('_')
            if len(base) == 2 and len(rets) == 2 and base[1] == 'mean':
                names = base                                   # std_mean -> (std, mean)
            else:                                              # a plain tuple in Python
                names = ['first', 'second', 'third', 'fourth', 'fifth'][:len(rets)]
                return {'kind': 'record', 'record': 'Tensors%d' % len(rets), 'fields': names}, 'Tensors%d' % len(rets)
        rec = ''.join(p[:1].upper() + p[1:] for n in names for p in n.split('_'))
        return {'kind': 'record', 'record': rec, 'fields': names}, rec
    return None, None


# ----------------------------------------------------------------------------- matching

def find_call(presets, name, cpp_args, first_missing, self_first):
    """Presets overload of `name` whose parameters are cpp_args[:m] (m >= first_missing and the rest
    defaulted), with self_first meaning a leading Tensor parameter for self. Returns (ptypes, m)."""
    best = None
    for ret, types in presets.get(name, []):
        ts = types[1:] if self_first else types
        if self_first and (not types or types[0] != 'Tensor'):
            continue
        m = len(ts)
        if m < first_missing or m > len(cpp_args):
            continue
        if any(a.default is None and str(a.type) not in ('Generator?',) for a in cpp_args[m:]):
            continue
        ok = True
        for a, pt in zip(cpp_args, ts):
            jt, conv, accept = java_type(a, 'x')
            if pt not in accept:
                ok = False
                break
        if not ok:
            continue
        cand = (m, ts)
        if best is None or cand[0] < best[0]:
            best = cand
    return best


def has_optional_twin(presets, name, ptypes, i, self_first):
    """Whether the presets overload `ptypes` also exists with a LongArrayRefOptional at position i
    (so a null int[]? can be passed as None rather than as an empty list, which some ops reject)."""
    want = list(ptypes)
    want[i] = 'LongArrayRefOptional'
    for ret, types in presets.get(name, []):
        ts = types[1:] if self_first else types
        if ts == want:
            return True
    return False


def has_prefix(presets, name, ptypes, self_first):
    for ret, types in presets.get(name, []):
        ts = types[1:] if self_first else types
        if ts == list(ptypes[:-1]):
            return True
    return False


def entry_for(schema, ns, jname, torch_name, presets, via, keep_count, yaml_name, f_rename=None, f_schema=None):
    """One spec entry: Java method `jname` taking the first keep_count kept args of schema."""
    args = list(schema.arguments.flat_all)
    out = [a for a in schema.arguments.out]
    if out:
        return None, 'out= variant'
    self_arg = schema.arguments.self_arg.argument if schema.arguments.self_arg else None
    if ns == 'Tensor' and self_arg is None:
        return None, 'no self'
    cpp = [a for a in args if not (ns == 'Tensor' and a is self_arg)]
    types = {a.name: java_type(a, ns) for a in cpp}
    for a in cpp:
        if types[a.name][1] == 'unsupported':
            return None, 'type ' + str(a.type)
    kept = [a for a in cpp if types[a.name][1] != 'drop']
    use = kept[:keep_count]
    if any(a.default is None for a in kept[keep_count:]):
        return None, 'required arg omitted'
    last_idx = max((cpp.index(a) + 1 for a in use), default=0)
    self_first = ns == 'Tensor' and via == 'torch'
    found = find_call(presets, yaml_name, cpp, last_idx, self_first)
    if not found:
        return None, 'no presets overload'
    m, ptypes = found
    call_args = []
    if self_first:
        call_args.append({'self': True})
    for a, pt in zip(cpp[:m], ptypes):
        if a in use:
            ca = {'param': (f_rename or {}).get(a.name, a.name), 'conv': types[a.name][1], 'ptype': pt}
            if ca['conv'] == 'longs_opt' and has_optional_twin(presets, yaml_name, ptypes, cpp.index(a), self_first):
                ca['none_ptype'] = 'LongArrayRefOptional'     # null goes to this overload as None
            elif ca['conv'] == 'longs_opt' and cpp.index(a) == len(ptypes) - 1 and has_prefix(presets, yaml_name, ptypes, self_first):
                ca['none_ptype'] = 'omit'                     # null: the overload without it (C++ default None)
            call_args.append(ca)
        else:
            if types[a.name][1] == 'drop' and a.default in (None, 'None', 'False'):
                if pt in DROP_NONE or pt in NONE_CONST:
                    call_args.append({'expr': DROP_NONE.get(pt) or NONE_CONST[pt]})
                    continue
            e = default_expr(a, pt)
            if e is None:
                return None, f'default {a.name}={a.default} as {pt}'
            call_args.append({'expr': e})
    rk, rtype = return_kind(schema, ns, self_arg.name if self_arg else None, f_rename or {})
    if rk is None:
        return None, 'returns ' + str(schema.returns)
    if ns == 'Functional' and rk['kind'] == 'record' and not torch_name.endswith('_with_indices'):
        # F.max_pool2d-style wrappers return only the output unless asked for the indices
        rk, rtype = {'kind': 'record_first', 'arity': len(rk['fields'])}, 'Tensor'
    rename = f_rename or {}
    params = []
    for a in use:
        jt = types[a.name][0]
        params.append({'name': rename.get(a.name, a.name), 'java': jt, 'default': a.default})
    e = {'ns': ns, 'java': jname, 'torch': torch_name, 'schema': f_schema or str(schema),
         'aten': str(schema) if f_schema else None,
         'params': params, 'returns': rtype,
         'call': {'target': 'self' if via == 'self' else 'torch', 'name': yaml_name, 'args': call_args},
         'ret': rk, 'full': keep_count == len(kept)}
    if self_arg is not None and ns != 'Tensor':
        pass
    if not e['aten']:
        del e['aten']
    return e, None


def overloads(schema, ns, jname, torch_name, presets, via, yaml_name, f_rename=None, f_schema=None):
    """Entries for every cut of the trailing defaulted args (minimal .. full)."""
    args = list(schema.arguments.flat_all)
    self_arg = schema.arguments.self_arg.argument if schema.arguments.self_arg else None
    cpp = [a for a in args if not (ns == 'Tensor' and a is self_arg)]
    kept = [a for a in cpp if java_type(a, ns)[1] != 'drop']
    req = 0
    for i, a in enumerate(kept):
        if a.default is None:
            req = i + 1
    res, why = [], None
    for k in range(req, len(kept) + 1):
        e, w = entry_for(schema, ns, jname, torch_name, presets, via, k, yaml_name, f_rename, f_schema)
        if e:
            res.append(e)
        else:
            why = why or w
    if res and not res[-1]['full']:
        return [], 'full form not bound: ' + (why or '')
    return res, why


# ----------------------------------------------------------------------------- main

def load_schemas():
    with open(YAML) as f:
        entries = yaml.load(f, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))
    by_name = {}
    for e in entries:
        s = FunctionSchema.parse(e['func'])
        variants = [v.strip() for v in e.get('variants', 'function').split(',')]
        if s.is_out_fn():
            continue
        base = s.name.name.base + ('_' if s.name.name.inplace else '')
        if s.name.name.dunder_method:
            continue
        by_name.setdefault(base, []).append((s, variants))
    return by_name


def read_tsv(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            rows.append(line.split('\t'))
    return rows


def main():
    ptensor = javap('org.bytedeco.pytorch.Tensor')
    ptorch = javap('org.bytedeco.pytorch.global.torch')
    schemas = load_schemas()
    hand = {(r[0], r[1]) for r in read_tsv(os.path.join(HERE, 'handwritten.tsv'))}
    fmap = {r[0]: r[1:] for r in read_tsv(os.path.join(HERE, 'functional_map.tsv'))}
    denied = {(r[0], r[1]): r[2] for r in read_tsv(os.path.join(HERE, 'exclude.tsv'))}

    names = {
        'Tensor': sorted(n for n in dir(torch.Tensor) if not n.startswith('_') and n in ptensor),
        'Torch': sorted(n for n in dir(torch) if not n.startswith('_') and callable(getattr(torch, n))
                        and not isinstance(getattr(torch, n), type) and n in ptorch),
        'Functional': sorted(n for n in dir(F) if not n.startswith('_') and n not in F_NOT_OPS
                             and callable(getattr(F, n))),
    }
    entries, missing = [], {}
    for ns in ('Tensor', 'Torch'):
        for n in names[ns]:
            if (ns, n) in hand:
                continue
            if (ns, n) in denied:
                missing[(ns, n)] = denied[(ns, n)]
                continue
            got, why = [], None
            for s, variants in schemas.get(n, []):
                if s.name.name.base.startswith('_'):
                    continue
                if ns == 'Tensor':
                    if 'method' in variants:
                        via = 'self'
                    else:
                        continue
                    presets = ptensor
                else:
                    if 'function' not in variants:
                        continue
                    via, presets = 'torch', ptorch
                es, w = overloads(s, ns, camel(n), n, presets, via, n)
                got += es
                why = why or w
            if got:
                entries += got
            else:
                missing[(ns, n)] = why or 'no native_functions.yaml schema'
    for n in names['Functional']:
        if ('Functional', n) in hand:
            continue
        aten, ren = n, {'self': 'input'}
        if n in fmap:
            aten = fmap[n][0]
            for kv in (fmap[n][1].split(',') if len(fmap[n]) > 1 and fmap[n][1] else []):
                k, v = kv.split('=')
                ren[k] = v
        if aten == '-':
            missing[('Functional', n)] = fmap[n][2] if len(fmap[n]) > 2 else 'Python composite'
            continue
        got, why = [], None
        import inspect
        ov = torch.overrides.get_testing_overrides()
        fsig, pyorder = None, []
        if getattr(F, n) in ov:
            sig = inspect.signature(ov[getattr(F, n)])
            fsig, pyorder = f'F.{n}{sig}', list(sig.parameters)
        for s, variants in schemas.get(aten, []):
            if 'function' not in variants:
                continue
            es, w = overloads(s, 'Functional', camel(n), n, ptorch, 'torch', aten, ren, fsig)
            for e in es:   # Java parameters in the Python wrapper's order (ATen-only ones last)
                e['params'].sort(key=lambda p: pyorder.index(p['name']) if p['name'] in pyorder else len(pyorder))
            got += es
            why = why or w
        if got:
            entries += got
        else:
            missing[('Functional', n)] = why or f'no schema for {aten}'

    entries = dedup(entries)
    os.makedirs(SPEC, exist_ok=True)
    with open(os.path.join(SPEC, 'ops.json'), 'w') as f:
        json.dump({'format': 1, 'pytorch': torch.__version__.split('a')[0],
                   'presets': 'org.bytedeco:pytorch:2.10.0-1.5.13', 'ops': entries}, f, indent=1)
        f.write('\n')
    with open(os.path.join(SPEC, 'names.json'), 'w') as f:
        json.dump({'namespaces': names, 'handwritten': sorted(['%s.%s' % k for k in hand])}, f, indent=1)
        f.write('\n')
    with open(os.path.join(SPEC, 'exclusions.tsv'), 'w') as f:
        f.write('# name\tnamespace\treason (written by codegen/derive_spec.py; reasons from codegen/reasons.tsv)\n')
        reasons = {(r[0], r[1]): r[2] for r in read_tsv(os.path.join(HERE, 'reasons.tsv'))}
        for (ns, n), why in sorted(missing.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            f.write(f'{n}\t{ns}\t{reasons.get((ns, n)) or reasons.get((ns, "*" + why.split(" ")[0])) or why}\n')
    print(f'{len(entries)} Java methods; unmapped: ' +
          ', '.join(f'{ns} {sum(1 for k in missing if k[0] == ns)}/{len(names[ns])}' for ns in names))


def erasure(e):
    ps = []
    for p in e['params']:
        j = p['java'].replace('...', '[]')
        ps.append(j)
    return (e['ns'], e['java'], tuple(ps))


# Bitwise and shift ops take integral (or bool) Scalars only: a Python float makes PyTorch raise
# ("bitwise_and_cpu" not implemented for 'Float') for every input, so no double overload.
INTEGRAL_SCALAR = {n + s for n in ('bitwise_and', 'bitwise_or', 'bitwise_xor', 'bitwise_left_shift',
                                   'bitwise_right_shift') for s in ('', '_')}


def never_valid(v):
    """Overloads PyTorch rejects for every input: they would only ever throw."""
    names = {p['name'] for p in v['params']}
    if v['torch'] in INTEGRAL_SCALAR and any(p['java'] in ('double', 'Double') for p in v['params']):
        return True
    if v['torch'] in ('clamp', 'clamp_', 'clip', 'clip_') and not names & {'min', 'max'}:
        return True  # "At least one of 'min' or 'max' must not be None"
    if v['torch'] == 'segment_reduce' and not names & {'lengths', 'offsets'}:
        return True  # "Either lengths or offsets must be defined"
    return False


def dedup(entries):
    seen, out = set(), []
    for e in entries:
        for variant in java_variants(e):
            k = erasure(variant)
            if k in seen or never_valid(variant):
                continue
            seen.add(k)
            out.append(written_types(variant))
    return unambiguous_varargs(out)


def unambiguous_varargs(entries):
    """Two varargs overloads whose fixed parameters differ only by extra elements of the varargs
    type are ambiguous in Java (`randint(long high, long... size)` vs `randint(long low, long high,
    long... size)`: javac rejects `randint(10, 3)`). The longer one takes a plain array, so a call
    with bare numbers reads as PyTorch's shorter form (`randint(high, size...)`)."""
    by_name = {}
    for e in entries:
        by_name.setdefault((e['ns'], e['java']), []).append(e)
    for group in by_name.values():
        va = [e for e in group if e['params'] and e['params'][-1]['java'].endswith('...')]
        for a in va:
            fa = [p['java'] for p in a['params'][:-1]]
            elem = a['params'][-1]['java'][:-3]
            for b in va:
                fb = [p['java'] for p in b['params'][:-1]]
                if (b is not a and b['params'][-1]['java'] == a['params'][-1]['java'] and len(fb) > len(fa)
                        and fb[:len(fa)] == fa and all(t == elem for t in fb[len(fa):])):
                    b['params'][-1]['java'] = elem + '[]' if elem != 'Tensor' else 'List<Tensor>'
    return entries


def written_types(e):
    """Arrays become varargs when last (long..., Tensor...); a Tensor[] elsewhere is a List<Tensor>."""
    for i, p in enumerate(e['params']):
        last = i == len(e['params']) - 1
        if p['java'] == 'long...' and not last:
            p['java'] = 'long[]'
        if p['java'] == 'long[]' and last:
            p['java'] = 'long...'
        elif p['java'] == 'Tensor[]':
            p['java'] = 'Tensor...' if last else 'List<Tensor>'
    return e


def java_variants(e):
    """Scalar parameters become a double and a long overload (Python float vs int). Optional numbers
    (Long, Double, Boolean: null = None) also get a primitive overload, so x.argmax(1) compiles
    (an int literal does not box to Long); the boxed one is the full-positional form that can say None."""
    idx = [i for i, p in enumerate(e['params']) if p['java'] in ('Scalar', 'Scalar?')]
    res = []
    if not idx:
        res = [e]
    for prim, box in (('double', 'Double'), ('long', 'Long')) if idx else ():
        v = json.loads(json.dumps(e))
        for i in idx:
            v['params'][i]['java'] = prim if e['params'][i]['java'] == 'Scalar' else box
        res.append(v)
    out = []
    unbox = {'Long': 'long', 'Double': 'double', 'Boolean': 'boolean'}
    for v in res:
        out.append(v)
        if any(p['java'] in unbox for p in v['params']):
            u = json.loads(json.dumps(v))
            for p in u['params']:
                p['java'] = unbox.get(p['java'], p['java'])
            u['full'] = False
            out.append(u)
    return out


if __name__ == '__main__':
    main()
