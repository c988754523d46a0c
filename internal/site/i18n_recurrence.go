package site

// The messages of the recurrence sections (recurrence.go), kept apart so
// that the sections come and go with their own files.
func init() {
	for id, s := range map[string]string{
		"Seen before": "以前发生过",
		"Seen again":  "后来又发生",
		"Earlier incidents with the same failure, and what their actions promised.": "失败方式相同的更早故障，以及它们的改进项承诺了什么。",
		"Later incidents with the same failure: its actions did not stop them.":     "失败方式相同的后续故障：这次的改进项没有挡住它们。",
		"same exception":                  "相同异常",
		"same dependency":                 "相同依赖",
		"same failing function":           "相同出错函数",
		"similar traceback":               "相似调用栈",
		"same service":                    "相同服务",
		"issue":                           "工单",
		"All its actions are done.":       "它的改进项都已完成。",
		"It has no actions.":              "它没有改进项。",
		"Incidents over time":             "历次故障",
		"seen before":                     "重复发生",
		"actions not done":                "改进项未完成",
		"Recurring failures":              "重复发生的故障",
		"Failure":                         "失败方式",
		"Incidents":                       "次数",
		"First":                           "首次",
		"Last":                            "最近",
		"Actions not done":                "未完成的改进项",
		"No failure has been seen twice.": "还没有重复发生的故障。",
		"Counted on":                      "统计日期",
		"n is the number of actions each row counts; ages are in days since the incident, over the open actions.": "n 是每行统计的改进项数；天数从故障发生日算起，只统计未完成的改进项。",
		"Team":                     "团队",
		"Overdue":                  "已逾期",
		"Median age":               "天数中位数",
		"Oldest":                   "最久",
		"From failures seen again": "故障又发生过的",
		"All teams":                "全部团队",
		"not done":                 "未完成",
	} {
		messages["zh-CN"][id] = s
	}
}
