"""Options records for ops with many keyword arguments (used by generate.py).

An op whose full-positional form has at least MIN_OPTIONAL defaulted arguments gets, next to its
common-form overloads, a nested record `<Name>Options` holding exactly those arguments, a `DEFAULTS`
constant with PyTorch's defaults, one `withX(...)` copy method per argument, and one overload that
takes the required arguments positionally plus the record:

    Functional.conv2d(x, w, Functional.Conv2dOptions.DEFAULTS.withStride(2).withPadding(1))
    // F.conv2d(x, w, stride=2, padding=1)

The overload forwards to the full-positional method, so it adds one call and no native work.
"""

MIN_OPTIONAL = 4


def cap(s):
    return s[:1].upper() + s[1:]


def java_default(p):
    """The Java expression of a parameter's PyTorch default, or None when it cannot be written."""
    j, d = p['java'], p['default']
    if d == 'None':
        return 'null' if j in ('Tensor', 'Long', 'Double', 'Boolean', 'DType', 'String', 'Device', 'long[]', 'long...') else None
    try:
        if j in ('long', 'Long'):
            if d == 'Mean':
                return '1L'
            return f'{int(d)}L'
        if j in ('double', 'Double'):
            v = float(d)
            return repr(v) if v == v and abs(v) != float('inf') else None
        if j in ('boolean', 'Boolean'):
            return {'True': 'true', 'False': 'false'}.get(d)
        if j in ('long[]', 'long...'):
            s = d.strip('[]() ')
            vals = [int(x) for x in s.split(',') if x.strip()] if s else []
            return 'new long[] {' + ', '.join(str(v) for v in vals) + '}'
        if j == 'Reduction':
            return {'Mean': 'Reduction.MEAN', 'Sum': 'Reduction.SUM', 'None_': 'Reduction.NONE',
                    "'mean'": 'Reduction.MEAN', "'sum'": 'Reduction.SUM', "'none'": 'Reduction.NONE'}.get(d)
        if j == 'String':
            return '"' + d.strip('\'"') + '"'
    except ValueError:
        return None
    return None


def candidates(ops):
    """(op, optional params) of the first full-positional entry per (namespace, Java name) with
    MIN_OPTIONAL or more defaulted trailing arguments whose defaults Java can write."""
    seen, out = set(), []
    for o in ops:
        if not o.get('full'):
            continue
        key = (o['ns'], o['java'])
        if key in seen:
            continue
        seen.add(key)
        opt = [p for p in o['params'] if p['default'] is not None]
        if len(opt) < MIN_OPTIONAL:
            continue
        first = o['params'].index(opt[0])
        if any(p['default'] is None for p in o['params'][first:]):
            continue  # a required argument after the optional ones: not a plain keyword tail
        if any(java_default(p) is None for p in opt):
            continue
        out.append((o, opt))
    return out


def record_name(op):
    return cap(op['java'].rstrip('_')) + ('Inplace' if op['java'].endswith('_') else '') + 'Options'


def emit_record(op, opt, jn):
    """Java source lines (indented one level) of the nested options record."""
    name = record_name(op)
    prefix = {'Tensor': 'x.', 'Torch': 'torch.', 'Functional': 'F.', 'Shared': 'torch.'}[op['ns']]
    comps = ', '.join(f"{field_type(p)} {jn[p['name']]}" for p in opt)
    lines = ['/**',
             f" * The keyword arguments of {{@code {prefix}{op['torch']}}} with PyTorch's defaults ({{@link #DEFAULTS}});",
             f" * {{@code withX}} returns a copy with one argument changed. Pass it to {{@code {op['java']}(..., options)}}.",
             ' *']
    for p in opt:
        lines.append(f" * @param {jn[p['name']]} PyTorch's {{@code {p['name']}}} (default {{@code {p['default']}}})")
    lines += [' */', f'public record {name}({comps}) {{']
    defaults = ', '.join(java_default(p) for p in opt)
    lines += [f"    /** PyTorch's defaults. */", f'    public static final {name} DEFAULTS = new {name}({defaults});', '']
    arrays = [p for p in opt if field_type(p).endswith('[]')]
    if arrays:
        # records are shallow: arrays are copied in and out so no caller can change DEFAULTS
        lines += ['    /**', '     * Copies the array arguments, so the record stays immutable.', '     *']
        for p in opt:
            lines.append(f"     * @param {jn[p['name']]} PyTorch's {{@code {p['name']}}}")
        lines += ['     */', f'    public {name} {{']
        for p in arrays:
            v = jn[p['name']]
            lines.append(f'        {v} = {v} == null ? null : {v}.clone();')
        lines += ['    }', '']
        for p in arrays:
            v = jn[p['name']]
            lines += ['    /**', f"     * PyTorch's {{@code {p['name']}}} (a copy).", '     *',
                      f"     * @return a copy of {{@code {p['name']}}}", '     */',
                      '    @Override', f'    public {field_type(p)} {v}() {{',
                      f'        return {v} == null ? null : {v}.clone();', '    }', '']
    for p in opt:
        v = jn[p['name']]
        args = ', '.join(jn[q['name']] for q in opt)
        ptype = 'long...' if p['java'] in ('long[]', 'long...') else field_type(p)
        lines += ['    /**', f"     * A copy with {{@code {p['name']}}} set.", '     *',
                  f"     * @param {v} PyTorch's {{@code {p['name']}}}", '     * @return the changed copy', '     */',
                  f'    public {name} with{cap(v.rstrip("_"))}({ptype} {v}) {{',
                  f'        return new {name}({args});', '    }', '']
    lines[-1:] = ['}', '']
    return ['    ' + s if s else '' for s in lines]


def field_type(p):
    return 'long[]' if p['java'] == 'long...' else p['java']


def emit_overload(op, opt, jn):
    """Java source lines of the overload taking the options record (forwards to the full form)."""
    name = record_name(op)
    req = [p for p in op['params'] if p['default'] is None]
    static = '' if op['ns'] == 'Tensor' else 'static '
    sig = ', '.join([f"{field_type(p) if p['java'] != 'Tensor...' else 'Tensor[]'} {jn[p['name']]}" for p in req]
                    + [f'{name} options'])
    # the record's fields, not its accessors: an array accessor returns a copy, needless on this call path
    args = ', '.join(jn[p['name']] if p['default'] is None else f"options.{jn[p['name']]}" for p in op['params'])
    prefix = {'Tensor': 'x.', 'Torch': 'torch.', 'Functional': 'F.', 'Shared': 'torch.'}[op['ns']]
    lines = ['/**', f" * PyTorch's {{@code {prefix}{op['torch']}}} with its keyword arguments in an options record.", ' *']
    for p in req:
        lines.append(f" * @param {jn[p['name']]} PyTorch's {{@code {p['name']}}}")
    lines += [f' * @param options the keyword arguments ({{@code {name}.DEFAULTS}} for all defaults)',
              ' * @return the same as the full-positional overload', ' */',
              f"public {static}{op['returns']} {op['java']}({sig}) {{",
              f'    java.util.Objects.requireNonNull(options, "{op["java"]}: options");',
              f"    return {op['java']}({args});", '}', '']
    return ['    ' + s if s else '' for s in lines]
