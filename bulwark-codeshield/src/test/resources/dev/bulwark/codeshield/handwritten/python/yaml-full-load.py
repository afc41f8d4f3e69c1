# expect: insecure CWE-502
import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/pipelines")
def create_pipeline():
    spec = yaml.load(request.data, Loader=yaml.Loader)
    return {"steps": len(spec.get("steps", []))}
