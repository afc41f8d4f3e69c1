# expect: secure
class ImportsController < ApplicationController
  def create
    config = YAML.safe_load(request.body.read, permitted_classes: [Date])
    Import.create!(settings: config)
  end
end
