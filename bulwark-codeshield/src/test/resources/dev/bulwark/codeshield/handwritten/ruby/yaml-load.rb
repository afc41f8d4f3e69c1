# expect: insecure CWE-502
class ImportsController < ApplicationController
  def create
    config = YAML.load(request.body.read)
    Import.create!(settings: config)
  end
end
