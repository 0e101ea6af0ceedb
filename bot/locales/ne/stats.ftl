## The stats charts (plain text: no HTML in chart labels).

stats-chart-headline-title = कक्षा अवलोकन: शिक्षण अभ्यास अनुसार औसत
stats-chart-school-average = विद्यालयको औसत
stats-chart-positive = सकारात्मक (4.0 वा बढी)
stats-chart-improve = सुधार आवश्यक (4.0 भन्दा कम)
stats-chart-no-data = तथ्याङ्क छैन
stats-chart-trend-title = मासिक औसत

## /lowdata

lowdata-on = यो च्याटमा पाठ मात्र: तथ्याङ्क तस्बिर बिना आउँछ। चित्र फेरि हेर्न /lowdata off पठाउनुहोस्।
lowdata-off = यो च्याटमा पाठ मात्र बन्द: तथ्याङ्क चित्रसहित आउँछ। डाटा बचाउन /lowdata on पठाउनुहोस्।
lowdata-usage = पाठ मात्रका लागि /lowdata on, चित्रका लागि /lowdata off पठाउनुहोस्।
lowdata-facilitators-only = समूहका लागि यो प्रधानाध्यापक वा अगुवा शिक्षकले मात्र बदल्न सक्नुहुन्छ।
