def run(dir, cmd)
  # ruleid: ruby.command-injection
  system("ls #{dir}")
  # ruleid: ruby.command-injection
  out = `grep foo #{dir}`
  # ruleid: ruby.command-injection
  Open3.popen3(cmd)
  # ok: ruby.command-injection
  system("ls", dir)
  # ok: ruby.command-injection
  system("uptime")
end
