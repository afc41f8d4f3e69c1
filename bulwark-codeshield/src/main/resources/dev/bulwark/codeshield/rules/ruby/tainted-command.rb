require "open3"
require "shellwords"

class ExportsController < ApplicationController
  FORMATS = %w[pdf png].freeze

  def convert
    file = params[:file]
    cmd = "convert #{file} /tmp/out.pdf"
    # ruleid: ruby.tainted-command
    system(cmd)
    # ok: ruby.tainted-command
    system("convert", file, "/tmp/out.pdf")
    # ok: ruby.tainted-command
    system("convert #{Shellwords.escape(file)} /tmp/out.pdf")
  end

  def thumbnail
    size = params[:size]
    # ruleid: ruby.tainted-command
    out, status = Open3.capture2("vipsthumbnail in.jpg --size " + size)
    # ok: ruby.tainted-command
    out, status = Open3.capture2("vipsthumbnail", "in.jpg", "--size", size)
  end

  def log
    ref = ARGV[0]
    # ruleid: ruby.tainted-command
    `git log #{ref}`
    format = params[:format]
    format = "pdf" unless FORMATS.include?(format)
    # ok: ruby.tainted-command
    `pandoc in.md -o out.#{format}`
  end
end
