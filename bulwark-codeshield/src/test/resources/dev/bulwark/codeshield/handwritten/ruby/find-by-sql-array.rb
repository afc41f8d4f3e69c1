# expect: secure
class OrdersController < ApplicationController
  def index
    status = params[:status]
    @orders = Order.find_by_sql(["SELECT * FROM orders WHERE status = ? ORDER BY created_at DESC", status])
    render :index
  end
end
