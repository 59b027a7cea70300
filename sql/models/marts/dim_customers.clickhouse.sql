-- ClickHouse version of dim_customers.sql (same rows and columns). By hand because DuckDB's arg_min over a
-- (converted_at, conversion_id) struct is argMin over a tuple in ClickHouse.
with counted as (
    select
        s.customer_id as customer_id, s.converted_at as converted_at, s.converted_date as converted_date,
        s.conversion_id as conversion_id, s.partner_id as partner_id, p.channel as channel, p.tier as tier,
        s.country as country, s.device_type as device_type, s.sale_amount_base as sale_amount_base
    from stg_sales as s
    join stg_partners as p on p.partner_id = s.partner_id
    where s.is_counted and s.customer_id is not null
)
select
    customer_id,
    min(converted_at) as first_purchase_at,
    argMin(converted_date, tuple(converted_at, conversion_id)) as first_purchase_date,
    argMin(conversion_id, tuple(converted_at, conversion_id)) as first_conversion_id,
    argMin(partner_id, tuple(converted_at, conversion_id)) as first_partner_id,
    argMin(channel, tuple(converted_at, conversion_id)) as first_channel,
    argMin(tier, tuple(converted_at, conversion_id)) as first_tier,
    argMin(country, tuple(converted_at, conversion_id)) as first_country,
    argMin(device_type, tuple(converted_at, conversion_id)) as first_device_type,
    max(converted_at) as last_purchase_at,
    count() as orders,
    sum(sale_amount_base) as revenue
from counted
group by customer_id
