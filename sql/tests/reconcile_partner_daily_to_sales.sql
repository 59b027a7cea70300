-- Revenue, commission and network fees in the partner mart add up to the staged sales, to the cent.
with mart as (
    select sum(revenue) as revenue, sum(commission) as commission, sum(network_fees) as network_fees
    from fct_partner_daily
),
staged as (
    select
        coalesce(sum(sale_amount_base) filter (where is_counted), 0) as revenue,
        coalesce(sum(commission_base) filter (where is_counted), 0) as commission,
        coalesce(sum(network_fee_base) filter (where is_counted), 0) as network_fees
    from stg_sales
)
select mart.*, staged.*
from mart, staged
where abs(mart.revenue - staged.revenue) >= 0.005
   or abs(mart.commission - staged.commission) >= 0.005
   or abs(mart.network_fees - staged.network_fees) >= 0.005
