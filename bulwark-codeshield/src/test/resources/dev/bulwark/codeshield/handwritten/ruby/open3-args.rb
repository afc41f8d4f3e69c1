# expect: secure
require "open3"

class ArchivesController < ApplicationController
  def create
    name = File.basename(params[:name].to_s)
    stdout, status = Open3.capture2("tar", "czf", "/srv/archives/#{name}.tgz", "/srv/uploads")
    head(status.success? ? :created : :unprocessable_entity)
  end
end
