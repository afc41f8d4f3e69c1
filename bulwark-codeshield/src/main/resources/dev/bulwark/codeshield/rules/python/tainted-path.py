import os
from flask import request, send_file
from werkzeug.utils import secure_filename

BASE = "/srv/reports"


def download():
    name = request.args["file"]
    path = os.path.join(BASE, name)
    # ruleid: python.tainted-path
    with open(path, "rb") as fh:
        return fh.read()


def download_checked():
    name = request.args["file"]
    full = os.path.realpath(os.path.join(BASE, name))
    if not full.startswith(BASE + os.sep):
        abort(404)
    # ok: python.tainted-path
    return send_file(full)


def upload():
    f = request.files["doc"]
    target = os.path.join(BASE, secure_filename(f.filename))
    # ok: python.tainted-path
    open(target, "wb").write(f.read())
    # ruleid: python.tainted-path
    os.remove(os.path.join(BASE, request.form["old"]))


def local(path):
    # ok: python.tainted-path
    return open(path).read()


@app.get("/exports/{name}")
def export(name: str):
    # ruleid: python.tainted-path
    return FileResponse(BASE + "/" + name)
