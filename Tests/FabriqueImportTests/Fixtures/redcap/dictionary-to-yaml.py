#!/usr/bin/env python3
"""Writes a fabrique questionnaire mirroring a REDCap data dictionary, as a starting point that was
then read and checked by hand (the calculations and branching logic are translated by the rules
below, which cover these dictionaries only). Usage: dictionary-to-yaml.py DICTIONARY.csv ID > FILE.yaml

REDCap → fabrique: radio/dropdown → select_one; checkbox → select_multiple (codes kept, so that the
`field___code` columns match); yesno → select_one 1 Yes / 0 No; truefalse → 1 True / 0 False;
text validated as date_ymd/date_dmy/date_mdy → date, integer → integer, number… → decimal, other
text (email, phone, datetime…), notes, file, signature and sql → text; slider → integer; calc →
calculate; descriptive → left out (it holds no data). Each form gets the status REDCap adds to
exports, `<form>_complete` (0 Incomplete, 1 Unverified, 2 Complete)."""
import csv, re, sys

def quote(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'

def expression(text):
    # [field] → ${field}; "x" → 'x'; a/b → a div b; (x)^(2) → (x * x): enough for these dictionaries.
    text = re.sub(r'\(\(\[(\w+)\]\)\^\(2\)\)', r'(${\1} * ${\1})', text)
    text = re.sub(r'\[(\w+)\]', r'${\1}', text)
    text = text.replace('"', "'").replace('/', ' div ')
    return text

rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))[1:]
lists, forms = [], {}
for row in rows:
    forms.setdefault(row[1], []).append(row)
out = [f'id: {sys.argv[2]}', 'version: "1"', f'title: {quote(sys.argv[2])}', 'choices:']
body = ['sections:']
def add_list(name, items):
    out.append(f'  - list_name: {name}')
    out.append('    items:')
    for code, label in items:
        out.append(f'      - {{value: {quote(code)}, label: {quote(label)}}}')
add_list('yes_no', [('1', 'Yes'), ('0', 'No')])
add_list('true_false', [('1', 'True'), ('0', 'False')])
add_list('form_status', [('0', 'Incomplete'), ('1', 'Unverified'), ('2', 'Complete')])
for form, fields in forms.items():
    body += [f'  - name: {form}', f'    title: {quote(form)}', '    questions:']
    for name, _, _, kind, label, choices, _, validation, *rest in fields:
        relevant = rest[3]
        label = label or name
        entry = {'name': name, 'label': quote(label)}
        if kind in ('radio', 'dropdown', 'checkbox'):
            items = [tuple(part.strip() for part in item.split(',', 1)) for item in choices.split('|')]
            add_list(name, items)
            entry['type'] = 'select_multiple' if kind == 'checkbox' else 'select_one'
            entry['choices'] = name
        elif kind in ('yesno', 'truefalse'):
            entry['type'] = 'select_one'
            entry['choices'] = 'yes_no' if kind == 'yesno' else 'true_false'
        elif kind == 'calc':
            entry['type'] = 'calculate'
            entry['calculation'] = quote(expression(choices))
        elif kind == 'slider':
            entry['type'] = 'integer'
        elif kind == 'descriptive':
            continue
        elif kind == 'text' and validation.startswith('date_'):
            entry['type'] = 'date'
        elif kind == 'text' and validation == 'integer':
            entry['type'] = 'integer'
        elif kind == 'text' and validation.startswith('number'):
            entry['type'] = 'decimal'
        else:
            entry['type'] = 'text'
        if relevant:
            entry['relevant'] = quote(expression(relevant))
        keys = ['name', 'type', 'label', 'choices', 'calculation', 'relevant']
        body.append('      - {' + ', '.join(f'{k}: {entry[k]}' for k in keys if k in entry) + '}')
    body.append(f'      - {{name: {form}_complete, type: select_one, label: {quote("Complete? (" + form + ")")}, choices: form_status}}')
print('\n'.join(out + body))
