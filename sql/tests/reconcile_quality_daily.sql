-- The quality mart keeps every click and sale: its totals equal the partner mart's (clicks, sales,
-- conversions) and the staged sales' (fast, click-less coupon, validated and reversed sales).
with quality as (
    select sum(gross_clicks) as gross_clicks, sum(valid_clicks) as valid_clicks, sum(invalid_clicks) as invalid_clicks,
        sum(sales) as sales, sum(conversions) as conversions, sum(reversed_sales) as reversed_sales,
        sum(validated_sales) as validated_sales, sum(fast_sales) as fast_sales, sum(clickless_coupon_sales) as clickless_coupon_sales
    from fct_quality_daily
),
partner as (
    select sum(gross_clicks) as gross_clicks, sum(valid_clicks) as valid_clicks, sum(invalid_clicks) as invalid_clicks,
        sum(gross_conversions) as sales, sum(conversions) as conversions
    from fct_partner_daily
),
staged as (
    select count(*) filter (where seconds_to_convert < 15) as fast_sales,
        count(*) filter (where click_id is null and coupon_code is not null) as clickless_coupon_sales,
        count(*) filter (where status <> 'pending' and validated_at is not null) as validated_sales,
        count(*) filter (where status = 'reversed' and validated_at is not null) as reversed_sales
    from stg_sales
)
select *
from quality, partner, staged
where quality.gross_clicks <> partner.gross_clicks
   or quality.valid_clicks <> partner.valid_clicks
   or quality.invalid_clicks <> partner.invalid_clicks
   or quality.sales <> partner.sales
   or quality.conversions <> partner.conversions
   or quality.fast_sales <> staged.fast_sales
   or quality.clickless_coupon_sales <> staged.clickless_coupon_sales
   or quality.validated_sales <> staged.validated_sales
   or quality.reversed_sales <> staged.reversed_sales
