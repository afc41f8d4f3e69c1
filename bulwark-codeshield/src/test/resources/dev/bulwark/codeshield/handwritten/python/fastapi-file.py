# expect: insecure CWE-22
from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()
BASE = "/data/exports"

@app.get("/exports/{name}")
def export(name: str):
    return FileResponse(BASE + "/" + name)
