def restore(blob, text)
  # ruleid: ruby.unsafe-deserialization
  obj = Marshal.load(blob)
  # ruleid: ruby.unsafe-deserialization
  cfg = YAML.load(text)
  # ok: ruby.unsafe-deserialization
  safe = YAML.safe_load(text)
  # ok: ruby.unsafe-deserialization
  data = JSON.parse(text)
end
