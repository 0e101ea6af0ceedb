# Nepali. Messages missing here are shown in English.
language-name = नेपाली

## Roles and states
role-head_teacher = प्रधानाध्यापक
role-lead_teacher = अगुवा शिक्षक
role-teacher = शिक्षक
cop-status-in_progress = चलिरहेको
cop-status-completed = सम्पन्न
cop-status-cancelled = रद्द
cop-status-expired = अधुरो

## Command menu
cmd-start = स्वागत र अब के गर्ने
cmd-help = यहाँ प्रयोग गर्न सकिने आदेशहरू
cmd-newschool = नयाँ विद्यालय दर्ता: /newschool नाम
cmd-join = आफ्नो विद्यालयमा जोडिनुहोस्: /join कोड
cmd-setup = यो समूहलाई विद्यालयसँग जोड्नुहोस्
cmd-members = सदस्यहरू र तिनका भूमिका
cmd-cop = सिकाइ सञ्जाल सुरु गर्नुहोस् वा जारी राख्नुहोस्
cmd-next = अर्को चरणमा जानुहोस्
cmd-back = एक चरण पछाडि जानुहोस्
cmd-cancel = सिकाइ सञ्जाल अधुरै अन्त्य गर्नुहोस्
cmd-note = टिपोट पठाउनुहोस्: /note पाठ
cmd-undo = यो चरणको आफ्नो अन्तिम टिपोट हटाउनुहोस्
cmd-status = सिकाइ सञ्जाल अहिले कहाँ छ
cmd-history = पहिलेका सिकाइ सञ्जाल र सारांश
cmd-actions = पछिल्लो कार्ययोजना
cmd-lang = भाषा छान्नुहोस्
cmd-stats = विद्यालयको कक्षा अवलोकनको तथ्याङ्क
cmd-import = CSV फाइलबाट कक्षा अवलोकन राख्नुहोस्
cmd-rubric = विद्यालयको रुब्रिक र प्रश्नका कोडहरू
cmd-lowdata = तस्बिर बिना, पाठ मात्र: /lowdata on वा off

## Start and help
start-welcome-new =
    नमस्ते { $name }! म तपाईंको विद्यालयलाई मासिक सिकाइ सञ्जाल (CoP) सञ्चालन गर्न सहयोग गर्छु।
    • प्रधानाध्यापक हो? विद्यालय दर्ता गर्नुहोस्: /newschool विद्यालयको नाम
    • शिक्षक हो? प्रधानाध्यापकले दिएको कोडले जोडिनुहोस्: /join कोड
start-welcome-member =
    नमस्ते { $name }! तपाईं <b>{ $school }</b> मा { $role } हुनुहुन्छ।
    के गर्न सकिन्छ हेर्न /help पठाउनुहोस्।
help-title = <b>यहाँ तपाईं के गर्न सक्नुहुन्छ</b>
help-footer = मेरा सन्देशमुनिका बटनहरूले पनि काम गर्छन्।
unknown-command = म यो आदेश चिन्दिनँ। सूचीका लागि /help पठाउनुहोस्।
private-chatter = म सिकाइ सञ्जालको समयमा मात्र टिपोट राख्छु। म के गर्न सक्छु हेर्न /help पठाउनुहोस्।
only-in-private = यो मसँगको निजी च्याटमा मात्र चल्छ। मेरो प्रोफाइल खोलेर Start थिच्नुहोस्।
anonymous-admin = तपाईं समूहको नामबाट गुमनाम लेख्दै हुनुहुन्छ, त्यसैले म तपाईंलाई चिन्न सक्दिनँ। आफ्नो एडमिन अधिकारमा “Remain anonymous” बन्द गरेर फेरि पठाउनुहोस्।
only-in-group = यो तपाईंको विद्यालयको समूह च्याटमा मात्र चल्छ।
not-a-member = तपाईं अझै कुनै विद्यालयको सदस्य हुनुहुन्न। /join कोड पठाएर जोडिनुहोस्।
not-allowed-button = यो बटन तपाईंका लागि होइन, वा अब मान्य छैन।
button-invalid = यो बटन अब मान्य छैन।
error-generic = माफ गर्नुहोस्, केही गडबड भयो। तपाईंले पठाएको केही पनि हराएको छैन; फेरि प्रयास गर्नुहोस्।

## Schools
newschool-usage = आदेशपछि विद्यालयको नाम लेख्नुहोस्, जस्तै: /newschool श्री प्राथमिक विद्यालय
newschool-too-long = नाम धेरै लामो भयो: बढीमा { $limit } अक्षर।
newschool-created =
    <b>{ $school }</b> दर्ता भयो र तपाईं यसको प्रधानाध्यापक हुनुहुन्छ।
    शिक्षकहरू कोड <code>{ $code }</code> वा यो लिंकबाट जोडिन्छन्:
    { $link }
    अब: मलाई विद्यालयको समूह च्याटमा थप्नुहोस् र त्यहाँ /setup पठाउनुहोस्।
join-usage = आदेशपछि कोड लेख्नुहोस्, जस्तै: /join ABC234
join-wrong-code = यो कोड कुनै विद्यालयसँग मिलेन। प्रधानाध्यापकसँग जाँच गर्नुहोस्।
join-too-many = धेरै पटक गलत कोड भयो। एक घण्टापछि फेरि प्रयास गर्नुहोस्।
join-welcome = <b>{ $school }</b> मा स्वागत छ! तपाईं शिक्षकका रूपमा जोडिनुभयो।
join-already = तपाईं पहिले नै <b>{ $school }</b> मा { $role } हुनुहुन्छ।
setup-not-head-teacher = यो समूह प्रधानाध्यापकले मात्र जोड्न सक्नुहुन्छ। प्रधानाध्यापकले मसँगको निजी च्याटमा विद्यालय दर्ता गर्नुहुन्छ: /newschool
setup-choose-school = यो समूह कुन विद्यालयको हो?
setup-already-linked = यो समूह <b>{ $school }</b> को हो। अर्को विद्यालयसँग त्यस विद्यालयका प्रधानाध्यापकले मात्र जोड्न सक्नुहुन्छ।
setup-linked = यो समूह अब <b>{ $school }</b> सँग जोडियो। यहाँ लेख्ने सबै शिक्षकका रूपमा जोडिन्छन्।

cmd-school = यो च्याट तपाईंको कुन विद्यालयको हो
school-only-one = तपाईं <b>{ $school }</b> को मात्र सदस्य हुनुहुन्छ।
school-choose = यो च्याट <b>{ $school }</b> को हो। आफ्नो अर्को विद्यालय छान्नुहोस्:
school-choice = { $school } ({ $role })
school-chosen = यो च्याट अब <b>{ $school }</b> को हो।

## Members
members-not-head-teacher = सदस्यहरू प्रधानाध्यापकले मात्र व्यवस्थापन गर्न सक्नुहुन्छ।
members-title = <b>सदस्यहरू ({ $count })</b>
members-line = • { $name }: { $role }
members-hint = भूमिका बदल्न वा हटाउन नाममा थिच्नुहोस्।
members-page = पृष्ठ { $page } / { $pages }
members-person = <b>{ $name }</b> { $role } हुनुहुन्छ। नयाँ भूमिका छान्नुहोस्:
members-remove = विद्यालयबाट हटाउनुहोस्
members-remove-confirm = <b>{ $name }</b> लाई विद्यालयबाट हटाउने?
members-remove-yes = हो, हटाउनुहोस्
members-removed = { $name } लाई हटाइयो।
members-last-head-teacher = विद्यालयमा एक जना प्रधानाध्यापक चाहिन्छ। पहिले अरू कसैलाई प्रधानाध्यापक बनाउनुहोस्।

## Language
lang-choose = भाषा छान्नुहोस्:
lang-set = भाषा: नेपाली।
lang-group-head-teacher-only = यो समूहको भाषा प्रधानाध्यापकले मात्र छान्न सक्नुहुन्छ।

## Buttons
button-back = ◀ पछाडि
button-next = अर्को ▶
button-start = सुरु ▶
button-finish = सम्पन्न ✔
button-cancel = रद्द
button-cancel-yes = हो, अन्त्य गर्नुहोस्
button-cancel-no = होइन, जारी राख्नुहोस्
button-continue = हालको चरण देखाउनुहोस्
button-show-photos = तस्बिरहरू देखाउनुहोस् ({ $count })
button-cop-over = यो सिकाइ सञ्जाल सकियो।
button-step-over = त्यो चरण सकियो; हालको चरणका बटन प्रयोग गर्नुहोस्।
button-facilitators-only = बैठक प्रधानाध्यापक वा अगुवा शिक्षकले मात्र अगाडि बढाउन सक्नुहुन्छ।

## The CoP
cop-no-school = पहिले /newschool ले विद्यालय दर्ता गर्नुहोस् वा /join ले जोडिनुहोस्।
cop-group-not-linked = यो समूह अझै कुनै विद्यालयसँग जोडिएको छैन। प्रधानाध्यापकले यहाँ /setup पठाउन सक्नुहुन्छ।
cop-facilitators-only = सिकाइ सञ्जाल प्रधानाध्यापक वा अगुवा शिक्षकले मात्र सञ्चालन गर्न सक्नुहुन्छ।
cop-continue-here = यहाँ सिकाइ सञ्जाल चलिरहेको छ, “{ $step }” चरणमा।
cop-in-progress-elsewhere = तपाईंको विद्यालयको सिकाइ सञ्जाल { $where } मा “{ $step }” चरणमा चलिरहेको छ। त्यहीँ जारी राख्नुहोस्।
where-group = “{ $title }” समूह
where-private = { $name } सँगको निजी च्याट
cop-none-here = यहाँ कुनै सिकाइ सञ्जाल चलिरहेको छैन। प्रधानाध्यापक वा अगुवा शिक्षकले /cop ले सुरु गर्नुहुन्छ।
cop-not-collecting = यो चरणमा टिपोट लिइँदैन। टिपोटहरू अनुभव, सकारात्मक पक्ष, सुधार र अगाडिका कदम चरणमा पठाइन्छन्।
cop-cancel-confirm = यो सिकाइ सञ्जाल अहिले अन्त्य गर्ने? यसका टिपोटहरू /history मा रहन्छन्।
cop-cancel-remote = तपाईंको विद्यालयको सिकाइ सञ्जाल { $where } मा “{ $step }” चरणमा चलिरहेको छ। अहिले अन्त्य गर्ने? यसका टिपोटहरू /history मा रहन्छन्।
cop-cancel-kept = सिकाइ सञ्जाल जारी छ।
cop-cancelled = सिकाइ सञ्जाल अधुरै अन्त्य भयो। यसका टिपोटहरू /history मा सुरक्षित छन्।
cop-expired = यो सिकाइ सञ्जालमा { $hours } घण्टासम्म कुनै गतिविधि नभएकाले अधुरै बन्द गरियो। यसका टिपोटहरू /history मा सुरक्षित छन्।

step-heading = चरण { $number }/{ $total } · { $title }
step-heading-timed = चरण { $number }/{ $total } · { $title } ({ $guide })
time-guide-fixed = { $minutes } मिनेट
time-guide-range = { $low }-{ $high } मिनेट
step-overview-title = चरणहरू हेर्नुहोस्
step-check-stats-title = तथ्याङ्क हेर्नुहोस्
step-insights-title = चिन्तन: अनुभवहरू
step-positives-title = सकारात्मक पक्षहरू
step-improvements-title = सुधार गर्नुपर्ने कुरा
step-next-steps-title = अगाडिका कदम: कार्ययोजना
step-complete-title = सिकाइ सञ्जाल सम्पन्न

step-insights-prompt = राम्रो शिक्षण अभ्यासबारे चिन्तन गरी आफ्ना अनुभव बाँड्नुहोस्।
step-insights-example = शिक्षकहरूले प्रायः बुझाइ जाँच गर्दैनन्
step-insights-placeholder = तपाईंको अनुभव…
step-positives-prompt = कक्षाकोठामा प्रयोग गरेका राम्रा रणनीतिहरू बाँड्नुहोस्।
step-positives-example = शिक्षकहरू सधैं विद्यार्थीका आवश्यकतालाई ध्यान दिन्छन्
step-positives-placeholder = काम गरेको कुरा…
step-improvements-prompt = के सुधार गर्नुपर्छ?
step-improvements-example = शिक्षकहरूले पाठ अझ राम्ररी बुझाउनुपर्छ
step-improvements-placeholder = सुधार गर्नुपर्ने कुरा…
step-next-steps-prompt = उठाइएका कुरा सुधार्न के कदम चाल्ने सहमति गर्नुहोस्: शिक्षकहरूले कक्षाकोठामा कुन रणनीति अपनाउन सक्छन्?
step-next-steps-example = हरेक शिक्षकले हरेक पाठमा तीनवटा खुला प्रश्न सोध्ने
step-next-steps-placeholder = एउटा कदम…

overview-title = <b>सिकाइ सञ्जाल · { $school }</b>
    चरणहरू:
overview-footer = सबै आइपुगेपछि सुरु थिच्नुहोस्।
prompt-example = <i>उदाहरण: { $example }</i>
prompt-how-group = यो सन्देशको जवाफमा पाठ वा टिपोटको तस्बिर पठाउनुहोस् (वा /note र आफ्नो पाठ)। /undo ले अन्तिम टिपोट हटाउँछ।
prompt-how-private = पाठ वा टिपोटको तस्बिर पठाउनुहोस्। /undo ले अन्तिम टिपोट हटाउँछ।

board-title = 📝 <b>{ $title }</b>: { $count } टिपोट
board-earlier = … अघिका { $count }
board-empty = अझै कुनै टिपोट छैन।
note-line-text = • <b>{ $author }</b>: { $text }
note-line-photo = • <b>{ $author }</b>: 📷 तस्बिर
note-line-photo-caption = • <b>{ $author }</b>: 📷 तस्बिर ({ $caption })
note-usage = आदेशपछि टिपोट लेख्नुहोस्, जस्तै: /note हामीले समूह कार्य गर्यौं।
note-not-accepted = म पाठ र तस्बिरलाई मात्र टिपोटका रूपमा राख्छु। कृपया टिपोट टाइप गर्नुहोस् वा त्यसको तस्बिर पठाउनुहोस्।
undo-done = यो चरणको तपाईंको अन्तिम टिपोट हटाइयो।
undo-nothing = यो चरणमा हटाउने तपाईंको कुनै टिपोट छैन।

## Summary
summary-title = ✅ <b>सिकाइ सञ्जाल सम्पन्न · { $school } · { $date }</b>
summary-title-unfinished = <b>सिकाइ सञ्जाल (अधुरो) · { $school } · { $date }</b>
summary-facts = सहजकर्ता: { $facilitator } · सहभागी: { $participants } · टिपोट: { $notes }
summary-step = {""}
    <b>{ $title }</b> ({ $count })
summary-no-notes = —
summary-action-plan = {""}
    🎯 <b>कार्ययोजना: यो महिना आफ्ना कक्षामा लागू गर्नुहोस्</b>
summary-photos = 📷 { $count } वटा तस्बिर टिपोट। तलको बटनले ती फेरि देखाउँछ।

## Status, history, actions
status-none = कुनै सिकाइ सञ्जाल चलिरहेको छैन। प्रधानाध्यापक वा अगुवा शिक्षकले /cop ले सुरु गर्नुहुन्छ।
status-step = <b>अहिले: { $title }</b>, { $minutes } मिनेटदेखि
status-in-time = समय निर्देशन: { $limit } मिनेट।
status-over-time = { $limit } मिनेटको समय निर्देशन नाघ्यो।
status-notes = • { $title }: { $count }
history-empty = अझै कुनै सिकाइ सञ्जाल भएको छैन। /cop ले सुरु गर्नुहोस्।
history-title = <b>पहिलेका सिकाइ सञ्जाल</b>: सारांश हेर्न एउटा थिच्नुहोस्।
history-line = { $date } · { $facilitator } · { $notes } टिपोट · { $state }
actions-none = अझै कार्ययोजना छैन: यो सिकाइ सञ्जालको “अगाडिका कदम” चरणमा बनाइन्छ।
actions-title = 🎯 <b>{ $date } को कार्ययोजना</b>{ $unfinished ->
    [0] {""}
   *[other] {" "}(सिकाइ सञ्जाल अधुरो)
}

## Stats
stats-none = अझै कुनै कक्षा अवलोकन छैन। प्रधानाध्यापकले /import ले राख्न सक्नुहुन्छ (मसँगको निजी च्याटमा CSV फाइल पठाएर)।
stats-school-average = <b>विद्यालयको औसत: { $score } / 5</b>{ $change }
stats-change = {" "}({ $change })
stats-data = { $teachers } शिक्षकका { $observations } कक्षा अवलोकन, { $first } देखि { $last } सम्म
stats-positives = <b>सकारात्मक पक्ष</b> (4.0 वा बढी)
stats-needs-improvement = <b>सुधार आवश्यक</b> (4.0 भन्दा कम)
stats-practice-line = • { $score } { $title }{ $change }
stats-no-data = अझै तथ्याङ्क छैन: { $titles }
stats-focus = 🎯 सुझाव गरिएको केन्द्रबिन्दु: <b>{ $title }</b>
