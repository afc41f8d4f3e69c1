# expect: secure
#!/usr/bin/env ruby
require "shellwords"
branch = ARGV.first
log = `git log --oneline #{branch.shellescape}`
puts log.lines.first(10)
