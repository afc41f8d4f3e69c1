def load_plugin(source, name, ns):
    # ruleid: python.exec-dynamic
    exec(source, ns)
    # ruleid: python.exec-dynamic
    exec("import %s" % name)
    # ruleid: python.exec-dynamic
    exec code in ns
    # ok: python.exec-dynamic
    exec("x = 1")
    # ok: python.exec-dynamic
    cursor.exec(source)
    # ok: python.exec-dynamic
    executor.submit(source)
