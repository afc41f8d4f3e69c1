import yaml

def read(stream, text):
    # ruleid: python.yaml-unsafe-load
    config = yaml.load(stream)
    # ruleid: python.yaml-unsafe-load
    other = yaml.load(stream, Loader=yaml.Loader)
    # ruleid: python.yaml-unsafe-load
    third = yaml.unsafe_load(text)
    # ruleid: python.yaml-unsafe-load
    docs = yaml.load_all(stream, Loader=yaml.FullLoader)
    # ok: python.yaml-unsafe-load
    safe = yaml.safe_load(stream)
    # ok: python.yaml-unsafe-load
    also_safe = yaml.load(stream, Loader=yaml.SafeLoader)
    # ok: python.yaml-unsafe-load
    c_safe = yaml.load(text, Loader=yaml.CSafeLoader)
    return config, other, third, docs, safe, also_safe, c_safe
