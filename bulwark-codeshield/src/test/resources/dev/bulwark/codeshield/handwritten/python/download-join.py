# expect: insecure CWE-22
import os
from flask import Flask, request, send_file

app = Flask(__name__)
UPLOADS = "/var/app/uploads"

@app.get("/files")
def get_file():
    name = request.args["name"]
    return send_file(os.path.join(UPLOADS, name))
