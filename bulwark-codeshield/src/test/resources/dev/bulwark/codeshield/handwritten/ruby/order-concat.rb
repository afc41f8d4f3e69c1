# expect: insecure CWE-89
class UsersController < ApplicationController
  def index
    direction = params[:dir] || "asc"
    @users = User.order("name " + direction).page(params[:page])
  end
end
