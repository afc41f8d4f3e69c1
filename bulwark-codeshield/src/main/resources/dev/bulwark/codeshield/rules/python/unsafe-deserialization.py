import pickle
import dill as dl
from pickle import loads
import json

def restore(blob, path, sock):
    # ruleid: python.unsafe-deserialization
    obj = pickle.loads(blob)
    # ruleid: python.unsafe-deserialization
    state = pickle.load(open(path, "rb"))
    # ruleid: python.unsafe-deserialization
    fn = dl.loads(sock.recv(4096))
    # ruleid: python.unsafe-deserialization
    other = loads(blob)
    # ok: python.unsafe-deserialization
    data = json.loads(blob)
    # ok: python.unsafe-deserialization
    config = yaml_module.load(path)
    # ok: python.unsafe-deserialization
    fixed = pickle.loads("constant")
    return obj, state, fn, other, data, config, fixed

def cache(name):
    # ruleid: python.unsafe-deserialization
    db = shelve.open(name)
    return db
