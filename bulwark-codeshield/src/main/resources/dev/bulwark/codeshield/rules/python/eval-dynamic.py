import ast

def calc(expr, env):
    # ruleid: python.eval-dynamic
    value = eval(expr)
    # ruleid: python.eval-dynamic
    fn = eval("lambda x: %s" % expr, env)
    # ok: python.eval-dynamic
    safe = ast.literal_eval(expr)
    # ok: python.eval-dynamic
    model.eval()
    # ok: python.eval-dynamic
    constant = eval("1 + 2")
    return value, fn, safe, constant
