# expect: secure
class UsersController < ApplicationController
  SORT_COLUMNS = %w[name email created_at].freeze

  def index
    column = params[:sort].to_s
    column = "created_at" unless SORT_COLUMNS.include?(column)
    @users = User.order(column).page(params[:page])
  end
end
