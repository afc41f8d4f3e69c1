# expect: insecure CWE-78
#!/usr/bin/env ruby
branch = ARGV.first
log = `git log --oneline #{branch}`
puts log.lines.first(10)
