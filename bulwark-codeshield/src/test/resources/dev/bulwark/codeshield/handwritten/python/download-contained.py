# expect: secure
import os
from flask import Flask, request, send_file, abort

app = Flask(__name__)
UPLOADS = os.path.realpath("/var/app/uploads")

@app.get("/files")
def get_file():
    path = os.path.realpath(os.path.join(UPLOADS, request.args["name"]))
    if os.path.commonpath([UPLOADS, path]) != UPLOADS:
        abort(404)
    return send_file(path)
