# expect: insecure CWE-78
require "open3"

class ArchivesController < ApplicationController
  def create
    name = params[:name]
    command = "tar czf /srv/archives/#{name}.tgz /srv/uploads"
    stdout, status = Open3.capture2(command)
    head(status.success? ? :created : :unprocessable_entity)
  end
end
