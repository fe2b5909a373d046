"""Tokenise a PETRARCH dictionary pattern the way verbs.json stores it (shared by build.py and extra.py)."""


def tokens(text):
    out = []
    for chunk in text.split():
        pre, post = [], []
        while chunk and chunk[0] in '({':
            pre.append(chunk[0]); chunk = chunk[1:]
        while chunk and chunk[-1] in ')}':
            post.insert(0, chunk[-1]); chunk = chunk[:-1]
        out += pre
        if chunk:
            if chunk.startswith('&') or chunk in ('*', '$', '+', '^', '%'):
                out.append(chunk)
            else:
                out += [w if w.startswith('&') else w.lower() for w in chunk.split('_') if w]
        out += post
    return out
