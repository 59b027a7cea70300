-- kind: table
-- grain: customer_id
-- owner: partnerships-analytics
-- description: One row per customer with at least one sale that was not reversed. The first purchase is the
-- description: earliest converted_at among those sales (ties: the smallest conversion_id); the acquiring
-- description: partner, channel and tier are those of that first sale. orders and revenue (base currency)
-- description: count every sale of the customer that was not reversed.
-- test: not_null(first_purchase_at, first_purchase_date, first_conversion_id, first_partner_id, first_channel)
-- test: relationships(first_partner_id -> stg_partners.partner_id)
with counted as (
    select s.*, p.channel, p.tier
    from stg_sales as s
    join stg_partners as p using (partner_id)
    where s.is_counted and s.customer_id is not null
)
select
    customer_id,
    min(converted_at) as first_purchase_at,
    arg_min(converted_date, (converted_at, conversion_id)) as first_purchase_date,
    arg_min(conversion_id, (converted_at, conversion_id)) as first_conversion_id,
    arg_min(partner_id, (converted_at, conversion_id)) as first_partner_id,
    arg_min(channel, (converted_at, conversion_id)) as first_channel,
    arg_min(tier, (converted_at, conversion_id)) as first_tier,
    arg_min(country, (converted_at, conversion_id)) as first_country,
    arg_min(device_type, (converted_at, conversion_id)) as first_device_type,
    max(converted_at) as last_purchase_at,
    count(*) as orders,
    sum(sale_amount_base) as revenue
from counted
group by customer_id
