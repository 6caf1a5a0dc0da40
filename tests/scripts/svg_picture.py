#!/usr/bin/env python3
"""Read a `dealgraph graph` SVG back: its edge labels' boxes and its layers' columns.

    svg_picture.py labels FILE.svg          no two edge labels' boxes intersect or come
                                            closer than 2pt (labels that touch read as one)
    svg_picture.py layers FILE.svg A B ...  clusters A, B, ... (layer names) run left to
                                            right: every node of A is left of every node
                                            of B, and A's box ends before B's begins

A label's box is estimated from the SVG alone: its text's x (text-anchor middle), its
baseline y and its font size, with Helvetica's advance widths (Adobe's AFM metrics, in
thousandths of the font size) for the characters amounts use; a box runs from the
baseline less 0.78 of the size (capitals and digits) to 0.22 below (descenders). Exit 1
with the offending pair on a failure."""
import re
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/2000/svg}'
# Helvetica advance widths (AFM), per 1000 units of font size.
WIDTHS = {c: 556 for c in '0123456789'}
WIDTHS.update({'.': 278, ' ': 278, 'B': 667, 'M': 833, 'T': 611, 'K': 667, '$': 556,
               'n': 556, 'o': 556, 'b': 556, 'i': 222, 'd': 556, 'g': 556, '-': 333})


GAP = 2.0   # points between two labels' boxes


def text_width(s, size):
    return sum(WIDTHS.get(c, 667) for c in s) * size / 1000.0


def groups(root, klass):
    for g in root.iter(NS + 'g'):
        if klass in (g.get('class') or '').split():
            yield g


def label_boxes(root):
    boxes = []
    for g in groups(root, 'edge'):
        title = g.find(NS + 'title').text
        for t in g.iter(NS + 'text'):
            x, y = float(t.get('x')), float(t.get('y'))
            size = float(t.get('font-size'))
            w = text_width(t.text or '', size)
            anchor = t.get('text-anchor', 'start')
            x0 = x - w / 2 if anchor == 'middle' else x - w if anchor == 'end' else x
            pad = GAP / 2
            boxes.append((x0 - pad, y - 0.78 * size - pad, x0 + w + pad, y + 0.22 * size + pad,
                          title, t.text))
    return boxes


def check_labels(root):
    boxes = label_boxes(root)
    bad = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                bad.append('%r (%s) and %r (%s)' % (a[5], a[4], b[5], b[4]))
    if not boxes:
        print('no edge labels at all')
        return 1
    if bad:
        print('overlapping edge labels: ' + '; '.join(bad))
        return 1
    return 0


def xs(elem):
    """The x coordinates of a shape's outline (path d, polygon points, ellipse)."""
    out = []
    for shape in elem.iter():
        tag = shape.tag[len(NS):]
        if tag == 'polygon':
            out += [float(p.split(',')[0]) for p in shape.get('points').split()]
        elif tag == 'path':
            nums = [float(n) for n in re.findall(r'-?\d+(?:\.\d+)?', shape.get('d'))]
            out += nums[0::2]
        elif tag == 'ellipse':
            cx, rx = float(shape.get('cx')), float(shape.get('rx'))
            out += [cx - rx, cx + rx]
    return out


def check_layers(root, order):
    clusters = {}
    for g in groups(root, 'cluster'):
        name = g.find(NS + 'title').text
        if name.startswith('cluster_'):
            clusters[name[len('cluster_'):]] = xs(g)
    nodes = {}
    for g in groups(root, 'node'):
        nodes[g.find(NS + 'title').text] = xs(g)
    for name in order:
        if name not in clusters:
            print('no cluster for layer %s (have: %s)' % (name, ', '.join(sorted(clusters))))
            return 1
    # A node belongs to the cluster whose box holds its centre.
    members = {name: [] for name in order}
    for n, nx in nodes.items():
        cx = (min(nx) + max(nx)) / 2
        for name in order:
            if min(clusters[name]) <= cx <= max(clusters[name]):
                members[name].append((n, min(nx), max(nx)))
    for a, b in zip(order, order[1:]):
        if max(clusters[a]) >= min(clusters[b]):
            print('layer %s (x %.1f..%.1f) is not left of layer %s (x %.1f..%.1f)'
                  % (a, min(clusters[a]), max(clusters[a]), b, min(clusters[b]),
                     max(clusters[b])))
            return 1
        for na, _, ra in members[a]:
            for nb, lb, _ in members[b]:
                if ra >= lb:
                    print('node %s of %s is not left of node %s of %s' % (na, a, nb, b))
                    return 1
    if sum(len(m) for m in members.values()) != len(nodes):
        print('some nodes are in no listed layer')
        return 1
    return 0


def main():
    mode, path = sys.argv[1], sys.argv[2]
    root = ET.parse(path).getroot()
    if mode == 'labels':
        return check_labels(root)
    return check_layers(root, sys.argv[3:])


if __name__ == '__main__':
    sys.exit(main())
