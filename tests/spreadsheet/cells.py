"""The cells of a spreadsheet as LibreOffice Calc read them.

cells.py FILE.fods : one line per non-empty cell, ROW<TAB>COLUMN<TAB>TYPE<TAB>TEXT
(rows and columns from 1; TYPE is string, float, date, ...; a tab inside
the cell is written as \\t), from the flat ODF file `soffice --convert-to
fods` made of a CSV.
"""
import sys
import xml.etree.ElementTree as ET

NS = {
    'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
    'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
    'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
}
T, O, X = ('{%s}' % NS[k] for k in ('table', 'office', 'text'))


def text_of(p):
    out = [p.text or '']
    for child in p:
        if child.tag == X + 'tab':
            out.append('\\t')
        elif child.tag == X + 's':
            out.append(' ' * int(child.get(X + 'c', '1')))
        else:
            out.append(text_of(child))
        out.append(child.tail or '')
    return ''.join(out)


root = ET.parse(sys.argv[1]).getroot()
table = root.find('.//' + T + 'table')
r = 0
for row in table.iter(T + 'table-row'):
    reps = int(row.get(T + 'number-rows-repeated', '1'))
    r += 1
    c = 0
    for cell in row.findall(T + 'table-cell'):
        n = int(cell.get(T + 'number-columns-repeated', '1'))
        kind = cell.get(O + 'value-type')
        text = '\n'.join(text_of(p) for p in cell.findall(X + 'p'))
        for _ in range(n):
            c += 1
            if kind:
                print('%d\t%d\t%s\t%s' % (r, c, kind, text))
    r += reps - 1
