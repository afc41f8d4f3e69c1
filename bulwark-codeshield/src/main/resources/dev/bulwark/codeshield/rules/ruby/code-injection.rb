def calc(expr)
  # ruleid: ruby.code-injection
  eval(expr)
  # ruleid: ruby.code-injection
  obj.instance_eval("@#{expr}")
  # ok: ruby.code-injection
  obj.instance_eval { @value }
end
